package dev.custody.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.finding.RuleId;
import dev.custody.finding.Severity;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The evidence JSON: a lossless round trip, and a strict reader that names what is wrong. */
class EvidenceJsonTest {
  static final Digest DIGEST = Digest.of(HashAlgorithm.SHA256, new byte[32]);

  static Evidence full() {
    return new Evidence(
        new ModelEvidence("m", DIGEST, List.of(new ModelFileEvidence("w.bin", DIGEST))),
        new ScanEvidence(
            false,
            List.of(
                new ScannedFileEvidence("w.bin", "pickle", "findings", false, "stopped early"),
                new ScannedFileEvidence("x.7z", "7z", "incomplete", false, "")),
            List.of(
                new FindingEvidence(
                    new RuleId("PICKLE-001"),
                    Severity.CRITICAL,
                    "w.bin",
                    "@ 28",
                    "Imports a known-dangerous module",
                    "os.system"))),
        List.of(
            new SignatureEvidence.Verified(
                "model.sig",
                SignatureMethod.KEY,
                "key p256 sha256:00",
                "sha256:00",
                "",
                "release",
                DIGEST,
                List.of("a warning")),
            new SignatureEvidence.Failed("other.sig", "untrusted-signer", "nobody we know")),
        List.of(
            new AttestationEvidence.Verified(
                "prov.json",
                "https://slsa.dev/provenance/v1",
                "key p256 sha256:00",
                "https://ci.example/train",
                List.of(new ArtifactEvidence("data", "https://d.example", Optional.of(DIGEST))),
                List.of(new ArtifactEvidence("base", "", Optional.empty())),
                Map.of("epochs", "3")),
            new AttestationEvidence.Failed("bad.json", "wrong-subject", "about another model")),
        new BomEvidence(
            true,
            List.of("Apache-2.0"),
            List.of(new DependencyEvidence("torch", "2.3.0", "pkg:pypi/torch@2.3.0"))),
        Instant.parse("2026-11-22T07:00:00Z"));
  }

  private static String json(Evidence evidence) {
    return new String(EvidenceJson.write(evidence), StandardCharsets.UTF_8);
  }

  private static Evidence read(String json) throws MalformedEvidenceException {
    return EvidenceJson.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void roundTripsEverySection() throws Exception {
    Evidence evidence = full();
    assertThat(read(json(evidence))).isEqualTo(evidence);
    assertThat(json(evidence))
        .contains("\"apiVersion\": \"custody.dev/evidence/v1\"")
        .contains("\"highestSeverity\": \"critical\"")
        .contains("\"critical\": 1");
  }

  @Test
  void refusesUnknownFieldsByPointer() {
    String json = json(full()).replace("\"completed\": false,", "\"completed\": false, \"x\": 1,");
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(MalformedEvidenceException.class)
        .hasMessageStartingWith("unknown field 'x' at '/scan'");
  }

  @Test
  void refusesCountsThatDisagreeWithTheFindings() {
    String json = json(full()).replace("\"critical\": 1", "\"critical\": 0");
    assertThatThrownBy(() -> read(json)).hasMessageContaining("'/scan/counts/critical' disagrees");
    String highest =
        json(full()).replace("\"highestSeverity\": \"critical\"", "\"highestSeverity\": \"none\"");
    assertThatThrownBy(() -> read(highest)).hasMessageContaining("the findings say critical");
  }

  @Test
  void refusesOtherVersionsWrongTypesAndBadValues() {
    assertThatThrownBy(() -> read(json(full()).replace("evidence/v1", "evidence/v2")))
        .hasMessageContaining("apiVersion is 'custody.dev/evidence/v2'");
    assertThatThrownBy(
            () -> read(json(full()).replace("\"present\": true", "\"present\": \"yes\"")))
        .hasMessageContaining("'/bom/present' is a string (expected a boolean)");
    assertThatThrownBy(() -> read(json(full()).replace("PICKLE-001", "pickle")))
        .hasMessageContaining("not a rule id");
    assertThatThrownBy(() -> read(json(full()).replace("untrusted-signer", "Untrusted Signer")))
        .hasMessageContaining("is not a token");
    assertThatThrownBy(() -> read("[]")).hasMessageContaining("expected an object");
    assertThatThrownBy(() -> read("")).hasMessageContaining("empty");
  }

  @Test
  void anAbsentBomHasNoFacts() {
    assertThatThrownBy(() -> new BomEvidence(false, List.of("MIT"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
