package dev.custody.gather;

import dev.custody.attest.AttestationVerifier;
import dev.custody.attest.VerifiedAttestation;
import dev.custody.evidence.ArtifactEvidence;
import dev.custody.evidence.AttestationEvidence;
import dev.custody.format.oms.BundleReader;
import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.provenance.Provenance;
import dev.custody.provenance.ResolvedDependency;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.VerificationException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Attestation files checked by the {@link AttestationVerifier} against the policy's trust and the
 * model's root digest (already computed by the gatherer: nothing is hashed again). Every file gives
 * one piece of evidence, verified or failed with the verifier's reason, so the policy decides.
 */
public final class AttestationFiles implements AttestationSource {
  private final List<Path> files;
  private final Optional<TrustPolicy> trust;
  private final Clock clock;

  /**
   * @param files the attestation files, in the order given
   * @param trust whom to believe; empty when the policy trusts no one (every attestation then fails
   *     with {@code no-trust-configured})
   * @param clock "now" for certificate checks
   */
  public AttestationFiles(List<Path> files, Optional<TrustPolicy> trust, Clock clock) {
    this.files = List.copyOf(files);
    this.trust = trust;
    this.clock = clock;
  }

  @Override
  public List<AttestationEvidence> attestations(Path model, Digest rootDigest) {
    List<AttestationEvidence> evidence = new ArrayList<>(files.size());
    for (Path file : files) {
      evidence.add(check(file, rootDigest));
    }
    return evidence;
  }

  private AttestationEvidence check(Path file, Digest rootDigest) {
    String source = file.toString();
    if (trust.isEmpty()) {
      return new AttestationEvidence.Failed(
          source, "no-trust-configured", "the policy trusts no signer, so no attestation verifies");
    }
    byte[] bytes;
    try {
      bytes = BoundedFiles.read(file, BundleReader.MAX_BUNDLE_BYTES);
    } catch (IOException e) {
      return new AttestationEvidence.Failed(
          source,
          "unreadable",
          SignerFacts.cut(
              "attestation " + Untrusted.quote(source) + " could not be read: " + e.getMessage()));
    }
    try {
      VerifiedAttestation verified =
          new AttestationVerifier(trust.orElseThrow(), clock).verify(rootDigest, bytes);
      return verified(source, verified);
    } catch (VerificationException e) {
      return new AttestationEvidence.Failed(
          source,
          e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'),
          SignerFacts.cut(String.valueOf(e.getMessage())));
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
