package dev.custody.format.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.model.Bytes;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import dev.custody.provenance.BuildDefinition;
import dev.custody.provenance.BuildEnvironment;
import dev.custody.provenance.ParameterValue;
import dev.custody.provenance.Provenance;
import dev.custody.provenance.ResolvedDependency;
import dev.custody.provenance.ResourceDescriptor;
import dev.custody.provenance.RunDetails;
import dev.custody.provenance.Subject;
import dev.custody.provenance.TrainingParameters;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The provenance statement: written deterministically, read back equal, read strictly. */
class ProvenanceReaderTest {
  static final Digest MODEL = new Digest(HashAlgorithm.SHA256, "ab".repeat(32));
  static final Digest DATA = new Digest(HashAlgorithm.SHA256, "cd".repeat(32));

  /** A provenance using every field the writer knows. */
  static Provenance full() {
    TreeMap<String, String> config = new TreeMap<>();
    config.put("model_type", "bert");
    config.put("transformers_version", "4.41.0");
    TreeMap<String, String> metricsAnnotations = new TreeMap<>();
    metricsAnnotations.put("kind", "metrics");
    return new Provenance(
        new Subject("tuned", MODEL),
        new BuildDefinition(
            Provenance.TRAINING_BUILD_TYPE,
            new TrainingParameters(
                new TreeMap<>(
                    Map.of(
                        "lr", new ParameterValue.Decimal(new BigDecimal("0.001")),
                        "fp16", new ParameterValue.Flag(true),
                        "name", new ParameterValue.Text("run \"1\"\n"))),
                ResourceDescriptor.named("params.json", DATA)),
            new BuildEnvironment(HashAlgorithm.SHA256, "shards", 1_000_000L, config),
            List.of(
                ResolvedDependency.dataset("data", DATA),
                ResolvedDependency.baseModel(null, MODEL),
                ResolvedDependency.code("https://example.com/train.git", "main"),
                ResolvedDependency.pythonPackage("pkg:pypi/numpy@1.26.4"),
                ResolvedDependency.framework(
                    "pkg:pypi/transformers@4.41.0", "config.json transformers_version"))),
        new RunDetails(
            "https://ci.example.com/runner",
            "job-7",
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T01:00:00.5Z"),
            List.of(
                new ResourceDescriptor(
                    "metrics.json",
                    null,
                    ResourceDescriptor.digests("sha256", DATA.hex()),
                    Bytes.copyOf("{\"loss\": 0.1}".getBytes(StandardCharsets.UTF_8)),
                    null,
                    "application/json",
                    metricsAnnotations))));
  }

  @Test
  void whatIsWrittenReadsBackEqual() throws Exception {
    assertThat(ProvenanceReader.read(ProvenanceWriter.write(full()))).isEqualTo(full());
  }

  @Test
  void theSameProvenanceIsWrittenAsTheSameBytes() {
    assertThat(ProvenanceWriter.write(full())).isEqualTo(ProvenanceWriter.write(full()));
  }

  @Test
  void theStatementHasTheSlsaShape() {
    String text = new String(ProvenanceWriter.write(full()), StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith(
            "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"tuned\","
                + "\"digest\":{\"sha256\":\""
                + MODEL.hex()
                + "\"}}],"
                + "\"predicateType\":\"https://slsa.dev/provenance/v1\"")
        .contains("\"buildType\":\"https://custody.dev/provenance/training/v1\"")
        .contains("\"uri\":\"git+https://example.com/train.git@main\"")
        .contains("\"annotations\":{\"kind\":\"dataset\"}")
        .contains("\"builder\":{\"id\":\"https://ci.example.com/runner\"}")
        .contains("\"finishedOn\":\"2026-01-01T01:00:00.500Z\"");
  }

  @Test
  void refusesAnUnknownTopLevelField() {
    assertRefused(
        statement().replace("{\"_type\"", "{\"extra\":1,\"_type\""), "unknown field 'extra' at /");
  }

  @Test
  void refusesAnUnknownFieldInsideTheRunDetails() {
    assertRefused(
        statement().replace("\"builder\":", "\"surprise\":{},\"builder\":"),
        "unknown field 'surprise' at /predicate/runDetails");
  }

  @Test
  void refusesAnotherBuildType() {
    assertRefused(
        statement().replace(Provenance.TRAINING_BUILD_TYPE, "https://example.com/other"),
        "/predicate/buildDefinition/buildType is 'https://example.com/other'");
  }

  @Test
  void refusesAnotherPredicateTypeButReportsIt() throws Exception {
    String other = statement().replace(Provenance.PREDICATE_TYPE, "https://example.com/p");
    assertRefused(other, "this is not a provenance attestation");
    assertThat(ProvenanceReader.predicateType(other.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("https://example.com/p");
  }

  @Test
  void refusesADependencyWithoutAKind() {
    assertRefused(
        statement().replace("\"annotations\":{\"kind\":\"dataset\"}", "\"annotations\":{}"),
        "has no kind");
  }

  @Test
  void refusesADatasetWithoutADigest() {
    assertRefused(
        statement()
            .replace(
                "{\"name\":\"data\",\"digest\":{\"sha256\":\"" + DATA.hex() + "\"},",
                "{\"name\":\"data\",\"uri\":\"file:data\","),
        "dataset is named by its sha256 root digest");
  }

  @Test
  void refusesATimeThatIsNotRfc3339() {
    assertRefused(
        statement().replace("2026-01-01T00:00:00Z", "yesterday"), "expected an RFC 3339 time");
  }

  @Test
  void refusesTwoSubjects() {
    assertRefused(
        statement()
            .replace(
                "\"subject\":[{",
                "\"subject\":[{\"name\":\"x\",\"digest\":{\"sha256\":\"" + DATA.hex() + "\"}},{"),
        "/subject has 2 entries");
  }

  @Test
  void refusesAFinishBeforeTheStart() {
    assertRefused(
        statement().replace("2026-01-01T01:00:00.500Z", "2025-01-01T00:00:00Z"),
        "finished (2025-01-01T00:00:00Z) before it started");
  }

  @Test
  void refusesALoneSurrogateThatCouldNotBeWrittenBack() {
    assertRefused(
        statement().replace("\"name\":\"data\"", "\"name\":\"data\\ud800\""),
        "lone UTF-16 surrogate");
  }

  private static String statement() {
    return new String(ProvenanceWriter.write(full()), StandardCharsets.UTF_8);
  }

  private static void assertRefused(String statement, String message) {
    assertThatThrownBy(() -> ProvenanceReader.read(statement.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedBundleException.class)
        .hasMessageContaining(message);
  }
}
