package dev.custody.format.pem;

import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Names the kind of a key that is not an EC key, so the message can say "the key is RSA" instead of
 * "invalid EC key". Only for messages: nothing is done with such a key.
 */
final class OtherKeys {
  private static final String[] KINDS = {"RSA", "Ed25519", "Ed448", "DSA", "X25519"};

  private OtherKeys() {}

  /** The kind of a SubjectPublicKeyInfo, or empty if none of the known kinds fits. */
  static String publicKind(byte[] der) {
    for (String kind : KINDS) {
      try {
        KeyFactory.getInstance(kind).generatePublic(new X509EncodedKeySpec(der));
        return kind;
      } catch (java.security.GeneralSecurityException | RuntimeException e) {
        // not this kind; try the next
      }
    }
    return "";
  }

  /** The kind of a PKCS#8 private key, or empty if none of the known kinds fits. */
  static String privateKind(byte[] der) {
    for (String kind : KINDS) {
      try {
        KeyFactory.getInstance(kind).generatePrivate(new PKCS8EncodedKeySpec(der));
        return kind;
      } catch (java.security.GeneralSecurityException | RuntimeException e) {
        // not this kind; try the next
      }
    }
    return "";
  }
}
