package dev.custody.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.scan.FileReport;
import dev.custody.scan.ScanReport;

/**
 * The JSON report of {@code custody scan}, schema version {@value #SCHEMA_VERSION} (docs/cli.md).
 * Fields are only ever added within a schema version; renaming or removing one bumps it.
 */
final class ScanJson {
  static final int SCHEMA_VERSION = 1;

  static final ObjectMapper MAPPER = new ObjectMapper();

  static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withArrayEmptySeparator("")
                  .withObjectEmptySeparator(""))
          .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

  private ScanJson() {}

  static String render(ScanReport report, Severity failOn, int exitCode) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.putObject("tool").put("name", "custody").put("version", VersionProvider.version());
    root.put("failOn", failOn.label());
    root.put("exitCode", exitCode);
    root.put(
        "result",
        switch (exitCode) {
          case ExitCode.FINDINGS -> "findings";
          case ExitCode.OPERATIONAL -> "incomplete";
          default -> "ok";
        });
    ObjectNode summary = root.putObject("summary");
    summary.put("files", report.files().size());
    for (FileReport.Verdict verdict : FileReport.Verdict.values()) {
      summary.put(camel(verdict.label()), report.count(verdict));
    }
    summary.put("durationMillis", report.duration().toMillis());
    ArrayNode files = root.putArray("files");
    for (FileReport file : report.files()) {
      ObjectNode node = files.addObject();
      node.put("path", file.path().toString());
      node.put("format", file.format().label());
      node.put("verdict", file.verdict().label());
      node.put("completed", file.completed());
      node.put("note", file.note());
      node.put("durationMillis", file.duration().toMillis());
      ArrayNode findings = node.putArray("findings");
      for (Finding finding : file.findings()) {
        findings.add(finding(finding));
      }
    }
    return write(root);
  }

  static ObjectNode finding(Finding finding) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("ruleId", finding.rule().value());
    node.put("severity", finding.severity().label());
    node.put("title", finding.title());
    ObjectNode location = node.putObject("location");
    ArrayNode containers = location.putArray("containers");
    finding.location().containers().forEach(containers::add);
    location.put("offset", finding.location().offset());
    node.put("subject", finding.subject());
    node.put("explanation", finding.explanation());
    node.put("remedy", finding.remedy());
    return node;
  }

  static String write(ObjectNode root) {
    try {
      return MAPPER.writer(PRINTER).writeValueAsString(root) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree of strings failed to serialize", e);
    }
  }

  /** {@code not-a-model} to {@code notAModel}. */
  private static String camel(String label) {
    StringBuilder out = new StringBuilder();
    boolean up = false;
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (c == '-') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return out.toString();
  }
}
