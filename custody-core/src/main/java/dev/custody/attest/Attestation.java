package dev.custody.attest;

import dev.custody.format.oms.Bundle;
import dev.custody.model.Bytes;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import dev.custody.provenance.Provenance;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A signed provenance attestation.
 *
 * @param provenance what it claims
 * @param bundle the Sigstore bundle holding the signed statement
 * @param json the bundle file's bytes, exactly as written
 */
public record Attestation(Provenance provenance, Bundle bundle, Bytes json) {
  /** The SHA-256 of the bundle file: how an evidence store and a BOM refer to it. */
  public Digest digest() {
    return sha256(json.toByteArray());
  }

  static Digest sha256(byte[] bytes) {
    try {
      return Digest.of(HashAlgorithm.SHA256, MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java SE JDK has SHA-256", e);
    }
  }
}
