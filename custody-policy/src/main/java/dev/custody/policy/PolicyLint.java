package dev.custody.policy;

import dev.custody.evidence.ArtifactEvidence;
import dev.custody.evidence.AttestationEvidence;
import dev.custody.evidence.BomEvidence;
import dev.custody.evidence.DependencyEvidence;
import dev.custody.evidence.Evidence;
import dev.custody.evidence.FindingEvidence;
import dev.custody.evidence.ModelEvidence;
import dev.custody.evidence.ModelFileEvidence;
import dev.custody.evidence.ScanEvidence;
import dev.custody.evidence.ScannedFileEvidence;
import dev.custody.evidence.SignatureEvidence;
import dev.custody.evidence.SignatureMethod;
import dev.custody.finding.RuleId;
import dev.custody.finding.Severity;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a compiled policy beyond compiling: every rule is evaluated once on a sample of evidence
 * that has every section and field filled in. A rule that cannot be evaluated there (a misspelt
 * field, a severity name that does not exist, a value of the wrong type) would deny every model, so
 * it is reported at the rule's place.
 */
public final class PolicyLint {
  private static final Digest DIGEST = Digest.of(HashAlgorithm.SHA256, new byte[32]);

  private PolicyLint() {}

  /** The problems found; empty when every rule evaluates on the sample. */
  public static List<PolicyException> check(CompiledPolicy policy) {
    Decision decision = policy.evaluate(sample());
    List<PolicyException> problems = new ArrayList<>();
    for (int i = 0; i < decision.outcomes().size(); i++) {
      RuleOutcome outcome = decision.outcomes().get(i);
      if (outcome.status() == RuleOutcome.Status.ERROR) {
        PolicyRule rule = policy.policy().rules().get(i);
        problems.add(
            new PolicyException(
                policy.policy().file(),
                rule.requireMark(),
                "rule '"
                    + rule.name()
                    + "' cannot be evaluated on sample evidence, so it would deny every model: "
                    + outcome.error()));
      }
    }
    return problems;
  }

  /** Evidence with one of everything: a file, a finding, a signature, an attestation, a BOM. */
  static Evidence sample() {
    ModelEvidence model =
        new ModelEvidence("sample", DIGEST, List.of(new ModelFileEvidence("model.bin", DIGEST)));
    ScanEvidence scan =
        new ScanEvidence(
            true,
            List.of(new ScannedFileEvidence("model.bin", "pickle", "findings", true, "")),
            List.of(
                new FindingEvidence(
                    new RuleId("PICKLE-001"),
                    Severity.MEDIUM,
                    "model.bin",
                    "@ 0",
                    "a sample finding",
                    "builtins.print")));
    SignatureEvidence signature =
        new SignatureEvidence.Verified(
            "model.sig",
            SignatureMethod.KEY,
            "key p256 sha256:00",
            "sha256:00",
            "",
            "release",
            DIGEST,
            List.of());
    AttestationEvidence attestation =
        new AttestationEvidence.Verified(
            "model.intoto.json",
            "https://slsa.dev/provenance/v1",
            "key p256 sha256:00",
            "https://builder.example/train",
            List.of(new ArtifactEvidence("data", "https://data.example/d", Optional.of(DIGEST))),
            List.of(new ArtifactEvidence("base", "", Optional.empty())),
            Map.of("epochs", "3"));
    BomEvidence bom =
        new BomEvidence(
            true,
            List.of("Apache-2.0"),
            List.of(new DependencyEvidence("torch", "2.3.0", "pkg:pypi/torch@2.3.0")));
    return new Evidence(model, scan, List.of(signature), List.of(attestation), bom, Instant.EPOCH);
  }
}
