package dev.custody.format.pem;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
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
    try {
      OutputEncryptor encryptor =
          password == null
              ? null
              : new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                  .setProvider(new BouncyCastleProvider())
                  .setPassword(password)
                  .build();
      StringWriter text = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
        writer.writeObject(new JcaPKCS8Generator(key, encryptor));
      }
      return text.toString().getBytes(StandardCharsets.US_ASCII);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("AES-256-CBC key encryption is always available", e);
    } catch (IOException e) {
      throw new UncheckedIOException("writing PEM to memory cannot fail", e);
    }
  }
}
