package dev.custody.sign;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/** ECDSA over the DSSE pre-authentication encoding, with the digest each curve uses in OMS. */
final class Ecdsa {
  private Ecdsa() {}

  /** A DER-encoded signature of {@code message}. */
  static byte[] sign(SigningKey key, byte[] message) {
    try {
      Signature signature = Signature.getInstance(key.curve().signatureAlgorithm());
      signature.initSign(key.privateKey());
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDSA signing with a checked EC key failed", e);
    }
  }

  /**
   * Whether {@code signature} is a valid DER ECDSA signature of {@code message} by {@code key}. A
   * garbled signature is simply not valid; the caller turns that into a verdict.
   */
  static boolean isValid(PublicKey key, Curve curve, byte[] message, byte[] signature) {
    return isValid(key, curve.signatureAlgorithm(), message, signature);
  }

  /** As above with an explicit JCA algorithm, for OMS v0.2's fixed SHA-256. */
  static boolean isValid(PublicKey key, String algorithm, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (SignatureException | InvalidKeyException e) {
      return false;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java SE JDK has " + algorithm, e);
    }
  }
}
