package dev.custody.sign;

import dev.custody.format.pem.PemWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;

/** The canonical PEM text of a public key, and the OMS key hint derived from it. */
public final class PublicKeys {
  private PublicKeys() {}

  /**
   * {@code -----BEGIN PUBLIC KEY-----}, the DER SubjectPublicKeyInfo in base64 lines of 64, and
   * {@code -----END PUBLIC KEY-----}, each line ending in a newline: the text the reference hashes
   * for the hint, and what {@code custody keygen} writes.
   */
  public static String pem(PublicKey key) {
    return PemWriter.publicKey(key);
  }

  /** The OMS key hint: lowercase hex SHA-256 of {@link #pem(PublicKey)}. */
  public static String hint(PublicKey key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(pem(key).getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java SE JDK has SHA-256", e);
    }
  }
}
