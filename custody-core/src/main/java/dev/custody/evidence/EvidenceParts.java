package dev.custody.evidence;

import dev.custody.finding.RuleId;
import dev.custody.finding.Severity;
import dev.custody.format.json.JsonValue;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the sections of an evidence document, strictly (see {@link EvidenceJson}). */
final class EvidenceParts {
  private EvidenceParts() {}

  /** A reader of one array item at a pointer. */
  private interface Item<T> {
    T read(JsonValue value, String pointer) throws MalformedEvidenceException;
  }

  static Evidence evidence(JsonValue root) throws MalformedEvidenceException {
    Set<String> fields =
        Set.of(
            "apiVersion",
            "kind",
            "gatheredAt",
            "model",
            "scan",
            "signatures",
            "attestations",
            "bom");
    JsonFields json = JsonFields.of(root, "");
    String version = json.has("apiVersion") ? json.string("apiVersion") : "";
    if (!version.equals(Evidence.API_VERSION)) {
      throw new MalformedEvidenceException(
          "apiVersion is "
              + Untrusted.quote(version)
              + " (expected "
              + Evidence.API_VERSION
              + "); write the evidence with this version of custody (custody check"
              + " --evidence-out)");
    }
    json.exactly(fields, fields);
    if (!json.string("kind").equals("Evidence")) {
      throw new MalformedEvidenceException(
          "kind is " + Untrusted.quote(json.string("kind")) + " (expected Evidence)");
    }
    Instant gatheredAt;
    try {
      gatheredAt = Instant.parse(json.string("gatheredAt"));
    } catch (DateTimeParseException e) {
      throw new MalformedEvidenceException(
          "gatheredAt is not an ISO-8601 instant such as 2026-11-22T07:00:00Z", e);
    }
    try {
      return new Evidence(
          model(json.object("model")),
          scan(json.object("scan")),
          items(json, "signatures", EvidenceParts::signature),
          items(json, "attestations", EvidenceParts::attestation),
          bom(json.object("bom")),
          gatheredAt);
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceException("the evidence is inconsistent: " + e.getMessage(), e);
    }
  }

  private static <T> List<T> items(JsonFields json, String name, Item<T> reader)
      throws MalformedEvidenceException {
    List<JsonValue> values = json.array(name);
    List<T> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      out.add(reader.read(values.get(i), json.pointer(name) + "/" + i));
    }
    return out;
  }

  private static ModelEvidence model(JsonFields json) throws MalformedEvidenceException {
    Set<String> fields = Set.of("name", "rootDigest", "files");
    json.exactly(fields, fields);
    List<ModelFileEvidence> files =
        items(
            json,
            "files",
            (value, pointer) -> {
              JsonFields file = JsonFields.of(value, pointer);
              Set<String> names = Set.of("path", "digest");
              file.exactly(names, names);
              try {
                return new ModelFileEvidence(file.string("path"), digest(file, "digest"));
              } catch (IllegalArgumentException e) {
                throw file.invalid("path", e);
              }
            });
    try {
      return new ModelEvidence(json.string("name"), digest(json, "rootDigest"), files);
    } catch (IllegalArgumentException e) {
      throw json.invalid("files", e);
    }
  }

  private static ScanEvidence scan(JsonFields json) throws MalformedEvidenceException {
    Set<String> fields = Set.of("completed", "highestSeverity", "counts", "files", "findings");
    json.exactly(fields, fields);
    List<ScannedFileEvidence> files = items(json, "files", EvidenceParts::scannedFile);
    List<FindingEvidence> findings = items(json, "findings", EvidenceParts::finding);
    ScanEvidence scan = new ScanEvidence(json.bool("completed"), files, findings);
    String highest = scan.highestSeverity().map(Severity::label).orElse("none");
    if (!json.string("highestSeverity").equals(highest)) {
      throw new MalformedEvidenceException(
          JsonFields.at(json.pointer("highestSeverity"))
              + " is "
              + Untrusted.quote(json.string("highestSeverity"))
              + " but the findings say "
              + highest);
    }
    JsonFields counts = json.object("counts");
    Set<String> labels = new java.util.HashSet<>();
    for (Severity severity : Severity.values()) {
      labels.add(severity.label());
    }
    counts.exactly(labels, labels);
    for (Map.Entry<Severity, Long> count : scan.counts().entrySet()) {
      if (counts.count(count.getKey().label()) != count.getValue()) {
        throw new MalformedEvidenceException(
            JsonFields.at(counts.pointer(count.getKey().label()))
                + " disagrees with the findings ("
                + count.getValue()
                + ")");
      }
    }
    return scan;
  }

  private static ScannedFileEvidence scannedFile(JsonValue value, String pointer)
      throws MalformedEvidenceException {
    JsonFields file = JsonFields.of(value, pointer);
    Set<String> fields = Set.of("path", "format", "verdict", "completed", "note");
    file.exactly(fields, fields);
    try {
      return new ScannedFileEvidence(
          file.string("path"),
          file.string("format"),
          file.string("verdict"),
          file.bool("completed"),
          file.string("note"));
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceException(JsonFields.at(pointer) + ": " + e.getMessage(), e);
    }
  }

  private static FindingEvidence finding(JsonValue value, String pointer)
      throws MalformedEvidenceException {
    JsonFields finding = JsonFields.of(value, pointer);
    Set<String> fields = Set.of("rule", "severity", "file", "location", "title", "subject");
    finding.exactly(fields, fields);
    try {
      return new FindingEvidence(
          new RuleId(finding.string("rule")),
          Severity.parse(finding.string("severity")),
          finding.string("file"),
          finding.string("location"),
          finding.string("title"),
          finding.string("subject"));
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceException(JsonFields.at(pointer) + ": " + e.getMessage(), e);
    }
  }

  private static SignatureEvidence signature(JsonValue value, String pointer)
      throws MalformedEvidenceException {
    JsonFields json = JsonFields.of(value, pointer);
    boolean verified = json.has("verified") && json.bool("verified");
    try {
      if (!verified) {
        Set<String> fields = Set.of("source", "verified", "reason", "message");
        json.exactly(fields, fields);
        return new SignatureEvidence.Failed(
            json.string("source"), json.string("reason"), json.string("message"));
      }
      Set<String> fields =
          Set.of(
              "source",
              "verified",
              "method",
              "signer",
              "identity",
              "issuer",
              "trustEntry",
              "rootDigest",
              "warnings");
      json.exactly(fields, fields);
      List<String> warnings = new ArrayList<>();
      for (JsonValue warning : json.array("warnings")) {
        if (!(warning instanceof JsonValue.JsonString text)) {
          throw json.wrongType("warnings", "an array of strings");
        }
        warnings.add(text.value());
      }
      return new SignatureEvidence.Verified(
          json.string("source"),
          SignatureMethod.parse(json.string("method")),
          json.string("signer"),
          json.string("identity"),
          json.string("issuer"),
          json.string("trustEntry"),
          digest(json, "rootDigest"),
          warnings);
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceException(JsonFields.at(pointer) + ": " + e.getMessage(), e);
    }
  }

  private static AttestationEvidence attestation(JsonValue value, String pointer)
      throws MalformedEvidenceException {
    JsonFields json = JsonFields.of(value, pointer);
    boolean verified = json.has("verified") && json.bool("verified");
    try {
      if (!verified) {
        Set<String> fields = Set.of("source", "verified", "reason", "message");
        json.exactly(fields, fields);
        return new AttestationEvidence.Failed(
            json.string("source"), json.string("reason"), json.string("message"));
      }
      Set<String> fields =
          Set.of(
              "source",
              "verified",
              "predicateType",
              "signer",
              "builder",
              "datasets",
              "baseModels",
              "parameters");
      json.exactly(fields, fields);
      Map<String, String> parameters = new LinkedHashMap<>();
      JsonFields params = json.object("parameters");
      for (String name : params.node().members().keySet()) {
        parameters.put(name, params.string(name));
      }
      return new AttestationEvidence.Verified(
          json.string("source"),
          json.string("predicateType"),
          json.string("signer"),
          json.string("builder"),
          items(json, "datasets", EvidenceParts::artifact),
          items(json, "baseModels", EvidenceParts::artifact),
          parameters);
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceException(JsonFields.at(pointer) + ": " + e.getMessage(), e);
    }
  }

  private static ArtifactEvidence artifact(JsonValue value, String pointer)
      throws MalformedEvidenceException {
    JsonFields json = JsonFields.of(value, pointer);
    Set<String> fields = Set.of("name", "uri", "digest");
    json.exactly(fields, fields);
    Optional<Digest> digest =
        json.get("digest") instanceof JsonValue.JsonNull
            ? Optional.empty()
            : Optional.of(digest(json, "digest"));
    try {
      return new ArtifactEvidence(json.string("name"), json.string("uri"), digest);
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceException(JsonFields.at(pointer) + ": " + e.getMessage(), e);
    }
  }

  private static BomEvidence bom(JsonFields json) throws MalformedEvidenceException {
    Set<String> fields = Set.of("present", "licences", "dependencies");
    json.exactly(fields, fields);
    List<String> licences = new ArrayList<>();
    for (JsonValue licence : json.array("licences")) {
      if (!(licence instanceof JsonValue.JsonString text)) {
        throw json.wrongType("licences", "an array of strings");
      }
      licences.add(text.value());
    }
    List<DependencyEvidence> dependencies =
        items(
            json,
            "dependencies",
            (value, pointer) -> {
              JsonFields dependency = JsonFields.of(value, pointer);
              Set<String> names = Set.of("name", "version", "purl");
              dependency.exactly(names, names);
              try {
                return new DependencyEvidence(
                    dependency.string("name"),
                    dependency.string("version"),
                    dependency.string("purl"));
              } catch (IllegalArgumentException e) {
                throw new MalformedEvidenceException(
                    JsonFields.at(pointer) + ": " + e.getMessage(), e);
              }
            });
    try {
      return new BomEvidence(json.bool("present"), licences, dependencies);
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceException(JsonFields.at(json.pointer("")) + e.getMessage(), e);
    }
  }

  private static Digest digest(JsonFields json, String name) throws MalformedEvidenceException {
    try {
      return Digest.parse(json.string(name));
    } catch (IllegalArgumentException e) {
      throw json.invalid(name, e);
    }
  }
}
