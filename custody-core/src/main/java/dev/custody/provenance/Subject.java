package dev.custody.provenance;

import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;

/**
 * What the provenance is about: the trained model, named by its OMS root digest (what {@code
 * custody digest} prints and a model signature's subject).
 *
 * @param name the model's folder or file name; informative only, never compared
 * @param digest the model's SHA-256 root digest
 */
public record Subject(String name, Digest digest) {
  /** Checks that the digest is SHA-256, the in-toto subject digest custody writes. */
  public Subject {
    Checks.text(name, "subject name");
    if (digest.algorithm() != HashAlgorithm.SHA256) {
      throw new IllegalArgumentException(
          "a subject is named by its sha256 root digest, not " + digest.algorithm().omsName());
    }
  }
}
