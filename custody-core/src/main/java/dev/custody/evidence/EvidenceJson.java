package dev.custody.evidence;

import dev.custody.finding.Severity;
import dev.custody.format.json.JsonLimits;
import dev.custody.format.json.JsonReader;
import dev.custody.format.json.JsonValue;
import dev.custody.format.json.JsonValue.JsonArray;
import dev.custody.format.json.JsonValue.JsonBoolean;
import dev.custody.format.json.JsonValue.JsonNull;
import dev.custody.format.json.JsonValue.JsonNumber;
import dev.custody.format.json.JsonValue.JsonObject;
import dev.custody.format.json.JsonValue.JsonString;
import dev.custody.format.json.JsonWriter;
import dev.custody.format.json.MalformedJsonException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of {@link Evidence} (schema {@value Evidence#API_VERSION}, docs/evidence.md): what
 * {@code custody check --evidence-out} writes and {@code custody policy test --evidence} reads. The
 * reader is strict (unknown fields, wrong types, counts that disagree with the findings are
 * refused, naming the field) and bounded ({@link #LIMITS}), since an evidence file may come from
 * anywhere.
 */
public final class EvidenceJson {
  /**
   * 64 MiB, 32 levels, 4,000,000 values: a scan of the 100,000 files a model may hold, with
   * findings, fits; the CLI's heap holds the tree.
   */
  public static final JsonLimits LIMITS = new JsonLimits(64 << 20, 32, 4_000_000);

  private EvidenceJson() {}

  /** The evidence as pretty-printed UTF-8 JSON. */
  public static byte[] write(Evidence evidence) {
    return JsonWriter.write(toJson(evidence), true);
  }

  /** The evidence as a JSON tree (to embed it in a larger document). */
  public static JsonObject toJson(Evidence evidence) {
    Map<String, JsonValue> root = new LinkedHashMap<>();
    root.put("apiVersion", text(Evidence.API_VERSION));
    root.put("kind", text("Evidence"));
    root.put("gatheredAt", text(evidence.gatheredAt().toString()));
    root.put("model", model(evidence.model()));
    root.put("scan", scan(evidence.scan()));
    root.put("signatures", array(evidence.signatures().stream().map(EvidenceJson::signature)));
    root.put(
        "attestations", array(evidence.attestations().stream().map(EvidenceJson::attestation)));
    root.put("bom", bom(evidence.bom()));
    return new JsonObject(root);
  }

  /**
   * Reads an evidence document.
   *
   * @throws MalformedEvidenceException saying which field breaks the schema, or which limit
   */
  public static Evidence read(byte[] json) throws MalformedEvidenceException {
    JsonValue root;
    try {
      root = JsonReader.read(json, LIMITS);
    } catch (MalformedJsonException e) {
      throw new MalformedEvidenceException("not strict JSON: " + e.getMessage(), e);
    }
    return EvidenceParts.evidence(root);
  }

  private static JsonValue model(ModelEvidence model) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    out.put("name", text(model.name()));
    out.put("rootDigest", text(model.rootDigest().toString()));
    out.put(
        "files",
        array(
            model.files().stream()
                .map(f -> object("path", text(f.path()), "digest", text(f.digest().toString())))));
    return new JsonObject(out);
  }

  private static JsonValue scan(ScanEvidence scan) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    out.put("completed", new JsonBoolean(scan.completed()));
    out.put("highestSeverity", text(scan.highestSeverity().map(Severity::label).orElse("none")));
    Map<String, JsonValue> counts = new LinkedHashMap<>();
    scan.counts().forEach((severity, count) -> counts.put(severity.label(), number(count)));
    out.put("counts", new JsonObject(counts));
    out.put("files", array(scan.files().stream().map(EvidenceJson::scannedFile)));
    out.put("findings", array(scan.findings().stream().map(EvidenceJson::finding)));
    return new JsonObject(out);
  }

  private static JsonValue scannedFile(ScannedFileEvidence file) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    out.put("path", text(file.path()));
    out.put("format", text(file.format()));
    out.put("verdict", text(file.verdict()));
    out.put("completed", new JsonBoolean(file.completed()));
    out.put("note", text(file.note()));
    return new JsonObject(out);
  }

  private static JsonValue finding(FindingEvidence finding) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    out.put("rule", text(finding.rule().value()));
    out.put("severity", text(finding.severity().label()));
    out.put("file", text(finding.file()));
    out.put("location", text(finding.location()));
    out.put("title", text(finding.title()));
    out.put("subject", text(finding.subject()));
    return new JsonObject(out);
  }

  private static JsonValue signature(SignatureEvidence signature) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    out.put("source", text(signature.source()));
    switch (signature) {
      case SignatureEvidence.Verified v -> {
        out.put("verified", new JsonBoolean(true));
        out.put("method", text(v.method().label()));
        out.put("signer", text(v.signer()));
        out.put("identity", text(v.identity()));
        out.put("issuer", text(v.issuer()));
        out.put("trustEntry", text(v.trustEntry()));
        out.put("rootDigest", text(v.rootDigest().toString()));
        out.put("warnings", array(v.warnings().stream().map(EvidenceJson::text)));
      }
      case SignatureEvidence.Failed f -> {
        out.put("verified", new JsonBoolean(false));
        out.put("reason", text(f.reason()));
        out.put("message", text(f.message()));
      }
    }
    return new JsonObject(out);
  }

  private static JsonValue attestation(AttestationEvidence attestation) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    out.put("source", text(attestation.source()));
    switch (attestation) {
      case AttestationEvidence.Verified v -> {
        out.put("verified", new JsonBoolean(true));
        out.put("predicateType", text(v.predicateType()));
        out.put("signer", text(v.signer()));
        out.put("builder", text(v.builder()));
        out.put("datasets", array(v.datasets().stream().map(EvidenceJson::artifact)));
        out.put("baseModels", array(v.baseModels().stream().map(EvidenceJson::artifact)));
        Map<String, JsonValue> parameters = new LinkedHashMap<>();
        v.parameters().forEach((name, value) -> parameters.put(name, text(value)));
        out.put("parameters", new JsonObject(parameters));
      }
      case AttestationEvidence.Failed f -> {
        out.put("verified", new JsonBoolean(false));
        out.put("reason", text(f.reason()));
        out.put("message", text(f.message()));
      }
    }
    return new JsonObject(out);
  }

  private static JsonValue artifact(ArtifactEvidence artifact) {
    return object(
        "name",
        text(artifact.name()),
        "uri",
        text(artifact.uri()),
        "digest",
        artifact.digest().<JsonValue>map(d -> text(d.toString())).orElse(new JsonNull()));
  }

  private static JsonValue bom(BomEvidence bom) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    out.put("present", new JsonBoolean(bom.present()));
    out.put("licences", array(bom.licences().stream().map(EvidenceJson::text)));
    out.put(
        "dependencies",
        array(
            bom.dependencies().stream()
                .map(d ->
                    object(
                        "name",
                        text(d.name()),
                        "version",
                        text(d.version()),
                        "purl",
                        text(d.purl())))));
    return new JsonObject(out);
  }

  static JsonValue text(String value) {
    return new JsonString(value);
  }

  private static JsonValue number(long value) {
    return new JsonNumber(BigDecimal.valueOf(value));
  }

  private static JsonValue array(java.util.stream.Stream<JsonValue> items) {
    return new JsonArray(items.toList());
  }

  private static JsonValue object(String name1, JsonValue value1, String name2, JsonValue value2) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    out.put(name1, value1);
    out.put(name2, value2);
    return new JsonObject(out);
  }

  private static JsonValue object(
      String name1,
      JsonValue value1,
      String name2,
      JsonValue value2,
      String name3,
      JsonValue value3) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    out.put(name1, value1);
    out.put(name2, value2);
    out.put(name3, value3);
    return new JsonObject(out);
  }
}
