package dev.custody.policy;

import dev.custody.evidence.ArtifactEvidence;
import dev.custody.evidence.AttestationEvidence;
import dev.custody.evidence.BomEvidence;
import dev.custody.evidence.Evidence;
import dev.custody.evidence.FindingEvidence;
import dev.custody.evidence.ModelEvidence;
import dev.custody.evidence.ScanEvidence;
import dev.custody.evidence.ScannedFileEvidence;
import dev.custody.evidence.SignatureEvidence;
import dev.custody.finding.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The evidence as CEL sees it: maps, lists, strings, booleans and longs with the field names of the
 * JSON form (docs/evidence.md). Items of a list all have the same keys (a failed signature has an
 * empty {@code signer}, a verified one an empty {@code reason}), so a rule never trips over a
 * missing key on one item of a list.
 */
final class EvidenceVariables {
  private EvidenceVariables() {}

  static Map<String, Object> of(Evidence evidence) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("model", model(evidence.model()));
    variables.put("scan", scan(evidence.scan()));
    variables.put(
        "signatures", evidence.signatures().stream().map(EvidenceVariables::signature).toList());
    variables.put(
        "attestations",
        evidence.attestations().stream().map(EvidenceVariables::attestation).toList());
    variables.put("bom", bom(evidence.bom()));
    return variables;
  }

  private static Map<String, Object> model(ModelEvidence model) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", model.name());
    out.put("rootDigest", model.rootDigest().toString());
    out.put(
        "files",
        model.files().stream()
            .map(f -> Map.<String, Object>of("path", f.path(), "digest", f.digest().toString()))
            .toList());
    return out;
  }

  private static Map<String, Object> scan(ScanEvidence scan) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("completed", scan.completed());
    out.put("highestSeverity", scan.highestSeverity().map(Severity::label).orElse("none"));
    Map<String, Object> counts = new LinkedHashMap<>();
    scan.counts().forEach((severity, count) -> counts.put(severity.label(), count));
    out.put("counts", counts);
    out.put("findings", scan.findings().stream().map(EvidenceVariables::finding).toList());
    out.put("files", scan.files().stream().map(EvidenceVariables::scannedFile).toList());
    LinkedHashSet<String> formats = new LinkedHashSet<>();
    scan.files().forEach(f -> formats.add(f.format()));
    out.put("formats", List.copyOf(formats));
    return out;
  }

  private static Map<String, Object> finding(FindingEvidence finding) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rule", finding.rule().value());
    out.put("severity", finding.severity().label());
    out.put("file", finding.file());
    out.put("location", finding.location());
    out.put("title", finding.title());
    out.put("subject", finding.subject());
    return out;
  }

  private static Map<String, Object> scannedFile(ScannedFileEvidence file) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", file.path());
    out.put("format", file.format());
    out.put("verdict", file.verdict());
    out.put("completed", file.completed());
    out.put("note", file.note());
    return out;
  }

  private static Map<String, Object> signature(SignatureEvidence signature) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("source", signature.source());
    switch (signature) {
      case SignatureEvidence.Verified v -> {
        out.put("verified", true);
        out.put("method", v.method().label());
        out.put("signer", v.signer());
        out.put("identity", v.identity());
        out.put("issuer", v.issuer());
        out.put("trustEntry", v.trustEntry());
        out.put("rootDigest", v.rootDigest().toString());
        out.put("warnings", v.warnings());
        out.put("reason", "");
        out.put("message", "");
      }
      case SignatureEvidence.Failed f -> {
        out.put("verified", false);
        out.put("method", "");
        out.put("signer", "");
        out.put("identity", "");
        out.put("issuer", "");
        out.put("trustEntry", "");
        out.put("rootDigest", "");
        out.put("warnings", List.of());
        out.put("reason", f.reason());
        out.put("message", f.message());
      }
    }
    return out;
  }

  private static Map<String, Object> attestation(AttestationEvidence attestation) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("source", attestation.source());
    switch (attestation) {
      case AttestationEvidence.Verified v -> {
        out.put("verified", true);
        out.put("predicateType", v.predicateType());
        out.put("signer", v.signer());
        out.put("builder", v.builder());
        out.put("datasets", artifacts(v.datasets()));
        out.put("baseModels", artifacts(v.baseModels()));
        out.put("parameters", new LinkedHashMap<String, Object>(v.parameters()));
        out.put("reason", "");
        out.put("message", "");
      }
      case AttestationEvidence.Failed f -> {
        out.put("verified", false);
        out.put("predicateType", "");
        out.put("signer", "");
        out.put("builder", "");
        out.put("datasets", List.of());
        out.put("baseModels", List.of());
        out.put("parameters", Map.of());
        out.put("reason", f.reason());
        out.put("message", f.message());
      }
    }
    return out;
  }

  private static List<Object> artifacts(List<ArtifactEvidence> artifacts) {
    List<Object> out = new ArrayList<>();
    for (ArtifactEvidence artifact : artifacts) {
      out.add(
          Map.<String, Object>of(
              "name",
              artifact.name(),
              "uri",
              artifact.uri(),
              "digest",
              artifact.digest().map(Object::toString).orElse("")));
    }
    return out;
  }

  private static Map<String, Object> bom(BomEvidence bom) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("present", bom.present());
    out.put("licences", bom.licences());
    out.put(
        "dependencies",
        bom.dependencies().stream()
            .map(d ->
                Map.<String, Object>of("name", d.name(), "version", d.version(), "purl", d.purl()))
            .toList());
    return out;
  }
}
