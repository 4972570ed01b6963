package dev.custody.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.finding.Finding;
import dev.custody.finding.RuleId;
import dev.custody.finding.Severity;
import dev.custody.scan.FileReport;
import dev.custody.scan.Rule;
import dev.custody.scan.RuleBook;
import dev.custody.scan.ScanReport;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The SARIF 2.1.0 report of {@code custody scan}: one run, every custody rule with its help text,
 * one result per finding. A finding in the file itself has a region with its byte offset; one
 * inside an archive member or nested pickle has a logical location naming the member chain and its
 * offset in {@code properties.byteOffset}. Files that could not be scanned completely are tool
 * notifications.
 */
final class ScanSarif {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  private static final String SRCROOT = "%SRCROOT%";

  private ScanSarif() {}

  static String render(ScanReport report) {
    ObjectNode root = ScanJson.MAPPER.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "custody");
    driver.put("semanticVersion", VersionProvider.version());
    ArrayNode rules = driver.putArray("rules");
    Map<RuleId, Integer> index = new HashMap<>();
    for (Rule rule : RuleBook.standard().all()) {
      index.put(rule.id(), rules.size());
      rules.add(rule(rule));
    }
    run.putObject("originalUriBaseIds")
        .putObject(SRCROOT)
        .put("uri", directoryUri(Path.of("").toAbsolutePath()));
    ArrayNode results = run.putArray("results");
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true);
    ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
    for (FileReport file : report.files()) {
      for (Finding finding : file.findings()) {
        results.add(result(file, finding, index));
      }
      if (!file.completed()) {
        ObjectNode note = notifications.addObject();
        note.put("level", "warning");
        note.putObject("message")
            .put("text", file.path() + " was not scanned completely: " + file.note());
        note.putArray("locations").addObject().set("physicalLocation", physical(file.path()));
      }
    }
    return ScanJson.write(root);
  }

  private static ObjectNode rule(Rule rule) {
    ObjectNode node = ScanJson.MAPPER.createObjectNode();
    node.put("id", rule.id().value());
    node.putObject("shortDescription").put("text", rule.title());
    node.putObject("fullDescription").put("text", rule.explanation());
    node.putObject("help")
        .put("text", rule.explanation() + " What to do: " + rule.remedy())
        .put(
            "markdown",
            "**"
                + rule.title()
                + "** ("
                + rule.severity().label()
                + ")\n\n"
                + rule.explanation()
                + "\n\n**What to do:** "
                + rule.remedy());
    node.putObject("defaultConfiguration").put("level", level(rule.severity()));
    ObjectNode properties = node.putObject("properties");
    properties.put("security-severity", securitySeverity(rule.severity()));
    properties.put("severity", rule.severity().label());
    properties
        .putArray("tags")
        .add("security")
        .add(rule.id().family().toLowerCase(java.util.Locale.ROOT));
    return node;
  }

  private static ObjectNode result(FileReport file, Finding finding, Map<RuleId, Integer> index) {
    ObjectNode node = ScanJson.MAPPER.createObjectNode();
    node.put("ruleId", finding.rule().value());
    Integer ruleIndex = index.get(finding.rule());
    if (ruleIndex != null) {
      node.put("ruleIndex", ruleIndex);
    }
    node.put("level", level(finding.severity()));
    node.putObject("message")
        .put(
            "text",
            finding.title()
                + ": "
                + finding.subject()
                + ". "
                + finding.explanation()
                + " What to do: "
                + finding.remedy());
    ObjectNode location = node.putArray("locations").addObject();
    ObjectNode physical = physical(file.path());
    location.set("physicalLocation", physical);
    long offset = finding.location().offset();
    if (finding.location().containers().isEmpty()) {
      physical.putObject("region").put("byteOffset", offset);
    } else {
      String chain = String.join("/", finding.location().containers());
      java.util.List<String> containers = finding.location().containers();
      location
          .putArray("logicalLocations")
          .addObject()
          .put("name", containers.get(containers.size() - 1))
          .put("fullyQualifiedName", chain)
          .put("kind", "member");
      ObjectNode properties = location.putObject("properties");
      properties.put("byteOffset", offset);
      ArrayNode list = properties.putArray("containers");
      containers.forEach(list::add);
    }
    ObjectNode properties = node.putObject("properties");
    properties.put("severity", finding.severity().label());
    properties.put("subject", finding.subject());
    properties.put("format", file.format().label());
    return node;
  }

  private static ObjectNode physical(Path path) {
    ObjectNode physical = ScanJson.MAPPER.createObjectNode();
    ObjectNode artifact = physical.putObject("artifactLocation");
    if (path.isAbsolute()) {
      artifact.put("uri", path.toUri().toString());
    } else {
      artifact.put("uri", relativeUri(path));
      artifact.put("uriBaseId", SRCROOT);
    }
    return physical;
  }

  private static String relativeUri(Path path) {
    StringBuilder joined = new StringBuilder();
    for (Path part : path.normalize()) {
      if (joined.length() > 0) {
        joined.append('/');
      }
      joined.append(part);
    }
    try {
      return new URI(null, null, joined.toString(), null).getRawPath();
    } catch (URISyntaxException e) {
      return path.toUri().toString();
    }
  }

  private static String directoryUri(Path dir) {
    String uri = dir.toUri().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  private static String securitySeverity(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "0.0";
    };
  }
}
