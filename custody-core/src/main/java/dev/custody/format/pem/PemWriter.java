package dev.custody.format.pem;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Writes keys as PEM text that {@link PemReader}, OpenSSL and the reference implementation read.
 */
public final class PemWriter {
  private PemWriter() {}

  /**
   * {@code -----BEGIN PUBLIC KEY-----}, the DER SubjectPublicKeyInfo in base64 lines of 64, and
   * {@code -----END PUBLIC KEY-----}, each line ending in a newline (the canonical text OMS hashes
   * for its key hint).
   */
  public static String publicKey(PublicKey key) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * A PKCS#8 private key: {@code PRIVATE KEY}, or with a password {@code ENCRYPTED PRIVATE KEY}
   * (PBES2: PBKDF2 with HMAC-SHA-256, AES-256-CBC).
   */
  public static byte[] privateKey(PrivateKey key, char @Nullable [] password) {
    return BouncyCastleKeys.pkcs8Pem(key, password);
  }
}
