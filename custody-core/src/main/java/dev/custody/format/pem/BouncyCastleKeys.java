package dev.custody.format.pem;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.jspecify.annotations.Nullable;

/**
 * The private-key forms the JDK cannot read: SEC1 ({@code EC PRIVATE KEY}, also with the legacy
 * OpenSSL header encryption) and encrypted PKCS#8. Kept in its own class so that reading public
 * keys and certificates (every verification) never loads Bouncy Castle, whose signed jars cost a
 * noticeable part of a second to open. Writing private keys lives here for the same reason.
 */
final class BouncyCastleKeys {
  private BouncyCastleKeys() {}

  /** A SEC1 key pair from one {@code EC PRIVATE KEY} block's text (maybe header-encrypted). */
  static KeyPair sec1(String blockText, char[] password) throws MalformedKeyException {
    PEMKeyPair pair =
        switch (parse(blockText)) {
          case PEMKeyPair plain -> plain;
          case PEMEncryptedKeyPair encrypted -> decrypt(encrypted, password);
          default -> throw new MalformedKeyException("the EC PRIVATE KEY block is not a key");
        };
    try {
      return checkedPair(pair);
    } catch (PEMException | RuntimeException e) {
      throw new MalformedKeyException(
          "the EC private key could not be decoded: " + e.getMessage(), e);
    }
  }

  private static PEMKeyPair decrypt(PEMEncryptedKeyPair encrypted, char[] password)
      throws MalformedKeyException {
    try {
      return encrypted.decryptKeyPair(
          new JcePEMDecryptorProviderBuilder()
              .setProvider(new BouncyCastleProvider())
              .build(password));
    } catch (IOException | RuntimeException e) {
      throw PemReader.wrongPassword(e);
    }
  }

  /**
   * A SEC1 key's public key is optional (RFC 5915, {@code openssl ec -no_public}), so it is always
   * derived from the private key, and a public key the file does carry must be that one.
   */
  private static KeyPair checkedPair(PEMKeyPair pair) throws PEMException, MalformedKeyException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    KeyPair derived = PemReader.withPublicKey(converter.getPrivateKey(pair.getPrivateKeyInfo()));
    if (pair.getPublicKeyInfo() != null) {
      PublicKey stated = converter.getPublicKey(pair.getPublicKeyInfo());
      if (!(stated instanceof java.security.interfaces.ECPublicKey ec)
          || !ec.getW()
              .equals(((java.security.interfaces.ECPublicKey) derived.getPublic()).getW())) {
        throw new MalformedKeyException(
            "the key file's public key does not belong to its private key; the file was damaged"
                + " or pieced together (export the private key again, e.g. openssl ec -in KEY)");
      }
    }
    return derived;
  }

  /** An encrypted PKCS#8 key from one {@code ENCRYPTED PRIVATE KEY} block's text. */
  static PrivateKey pkcs8(String blockText, char[] password) throws MalformedKeyException {
    if (!(parse(blockText) instanceof PKCS8EncryptedPrivateKeyInfo encrypted)) {
      throw new MalformedKeyException("the ENCRYPTED PRIVATE KEY block is not a key");
    }
    PrivateKeyInfo info;
    try {
      info =
          encrypted.decryptPrivateKeyInfo(
              new JceOpenSSLPKCS8DecryptorProviderBuilder()
                  .setProvider(new BouncyCastleProvider())
                  .build(password));
    } catch (PKCSException | OperatorCreationException | RuntimeException e) {
      throw PemReader.wrongPassword(e);
    }
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (PEMException | RuntimeException e) {
      throw new MalformedKeyException("the private key could not be decoded: " + e.getMessage(), e);
    }
  }

  /** PKCS#8 PEM of {@code key}, encrypted (PBES2, AES-256-CBC) when a password is given. */
  static byte[] pkcs8Pem(PrivateKey key, char @Nullable [] password) {
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

  /** The SEC 1 private scalar's curve point, for a PKCS#8 key that did not carry its public key. */
  static java.security.spec.ECPoint multiplyGenerator(String curve, java.math.BigInteger scalar) {
    org.bouncycastle.math.ec.ECPoint q =
        org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec(curve)
            .getG()
            .multiply(scalar)
            .normalize();
    return new java.security.spec.ECPoint(
        q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
  }

  private static Object parse(String blockText) throws MalformedKeyException {
    try (PEMParser parser = new PEMParser(new StringReader(blockText))) {
      Object object = parser.readObject();
      if (object == null) {
        throw new MalformedKeyException("the PEM block could not be read");
      }
      return object;
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle reports broken DER with assorted runtime exceptions.
      throw new MalformedKeyException("the PEM block could not be read: " + e.getMessage(), e);
    }
  }
}
