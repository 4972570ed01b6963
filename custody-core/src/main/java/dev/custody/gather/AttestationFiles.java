package dev.custody.gather;

import dev.custody.evidence.AttestationEvidence;
import dev.custody.format.oms.BundleReader;
import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.sign.TrustPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attestation files checked by the {@link dev.custody.attest.AttestationVerifier} against the
 * policy's trust and the model's root digest (already computed by the gatherer: nothing is hashed
 * again). Every file gives one piece of evidence, verified or failed with the verifier's reason, so
 * the policy decides.
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
      return AttestationChecks.noTrust(source);
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
    return AttestationChecks.check(source, bytes, rootDigest, trust.orElseThrow(), clock);
  }
}
