package dev.custody.gather;

import dev.custody.attest.AttestationVerifier;
import dev.custody.attest.VerifiedAttestation;
import dev.custody.evidence.ArtifactEvidence;
import dev.custody.evidence.AttestationEvidence;
import dev.custody.model.Digest;
import dev.custody.provenance.Provenance;
import dev.custody.provenance.ResolvedDependency;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.VerificationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One attestation's bytes checked against the trust and the model's root digest, wherever the bytes
 * came from (a file, the evidence store). Never throws: a bad attestation is evidence too.
 */
final class AttestationChecks {
  private AttestationChecks() {}

  static AttestationEvidence noTrust(String source) {
    return new AttestationEvidence.Failed(
        source, "no-trust-configured", "the policy trusts no signer, so no attestation verifies");
  }

  static AttestationEvidence check(
      String source, byte[] bundleJson, Digest rootDigest, TrustPolicy trust, Clock clock) {
    try {
      return verified(source, new AttestationVerifier(trust, clock).verify(rootDigest, bundleJson));
    } catch (VerificationException e) {
      return new AttestationEvidence.Failed(
          source, e.reason().token(), SignerFacts.cut(String.valueOf(e.getMessage())));
    }
  }

  private static AttestationEvidence verified(String source, VerifiedAttestation verified) {
    Provenance provenance = verified.provenance();
    Map<String, String> parameters = new LinkedHashMap<>();
    provenance
        .buildDefinition()
        .externalParameters()
        .values()
        .forEach((name, value) -> parameters.put(name, SignerFacts.cut(value.display())));
    return new AttestationEvidence.Verified(
        source,
        Provenance.PREDICATE_TYPE,
        SignerFacts.cut(verified.signer().describe()),
        provenance.runDetails().builderId(),
        artifacts(provenance.datasets()),
        artifacts(provenance.baseModels()),
        parameters);
  }

  private static List<ArtifactEvidence> artifacts(List<ResolvedDependency> inputs) {
    List<ArtifactEvidence> artifacts = new ArrayList<>(inputs.size());
    for (ResolvedDependency input : inputs) {
      Optional<Digest> digest = input.resource().sha256();
      String name = input.resource().name();
      String uri = input.resource().uri();
      String shown =
          name != null && !name.isBlank()
              ? name
              : digest.map(Digest::toString).orElse(uri == null ? "unnamed" : uri);
      artifacts.add(new ArtifactEvidence(shown, uri == null ? "" : uri, digest));
    }
    return artifacts;
  }
}
