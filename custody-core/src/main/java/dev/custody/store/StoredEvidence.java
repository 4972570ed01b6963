package dev.custody.store;

import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;

/**
 * A reference to one piece of evidence in a store.
 *
 * @param kind signature or attestation
 * @param subject the root digest of the model it is about
 * @param id the SHA-256 of the evidence file's bytes (evidence is content-addressed)
 */
public record StoredEvidence(EvidenceKind kind, Digest subject, Digest id) {
  /** Checks that both digests are SHA-256. */
  public StoredEvidence {
    if (subject.algorithm() != HashAlgorithm.SHA256 || id.algorithm() != HashAlgorithm.SHA256) {
      throw new IllegalArgumentException("evidence is filed by sha256 digests");
    }
  }
}
