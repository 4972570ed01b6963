package dev.custody.sign;

import dev.custody.model.Digest;

/**
 * The seam for keyless (Sigstore) verification, kept out of the core so that the core stays free of
 * the Sigstore client and its dependencies. The {@code custody-sigstore} module provides the
 * implementation through {@link java.util.ServiceLoader}.
 *
 * <p>An implementation checks, offline, everything about the bundle except the model itself: the
 * Fulcio certificate chains to the trusted root and names {@code trust}'s identity and issuer; the
 * DSSE signature verifies with the certificate's key; the transparency-log entry matches the
 * envelope, its inclusion proof and checkpoint verify, and its time lies within the certificate's
 * validity; and the in-toto subject is {@code subject}. The caller compares the signed manifest
 * with the model afterwards.
 */
public interface KeylessVerifier {

  /**
   * Verifies a keyless bundle.
   *
   * @param bundleJson the bundle file's bytes, already checked to be a well-formed OMS bundle
   * @param subject the root digest the statement names (the model's identity)
   * @param trust the trusted root and the identity that must have signed
   * @return who signed
   * @throws VerificationException with {@link VerificationException.Reason#UNTRUSTED_CERTIFICATE},
   *     {@link VerificationException.Reason#IDENTITY_MISMATCH}, {@link
   *     VerificationException.Reason#TRANSPARENCY_LOG} or {@link
   *     VerificationException.Reason#BAD_SIGNATURE}, with a message that says which check failed
   */
  Signer.KeylessSigner verify(byte[] bundleJson, Digest subject, KeylessTrust trust)
      throws VerificationException;
}
