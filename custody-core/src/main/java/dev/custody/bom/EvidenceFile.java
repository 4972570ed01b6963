package dev.custody.bom;

import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;

/**
 * A file that vouches for the model, listed in the BOM by name and digest.
 *
 * @param kind what it is
 * @param name its file name (no folders: the BOM must not depend on where it was made)
 * @param digest the SHA-256 of its bytes
 */
public record EvidenceFile(Kind kind, String name, Digest digest) {
  /** What an evidence file is. */
  public enum Kind {
    /** An OMS signature (Sigstore bundle) over the model. */
    SIGNATURE,
    /** A provenance attestation (in-toto statement in a DSSE bundle). */
    ATTESTATION
  }

  /** Checks the name is a bare file name and the digest is SHA-256. */
  public EvidenceFile {
    if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException(
          "evidence file name " + Untrusted.quote(name) + " must be a bare file name");
    }
    if (digest.algorithm() != HashAlgorithm.SHA256) {
      throw new IllegalArgumentException("evidence files are listed with their SHA-256");
    }
  }
}
