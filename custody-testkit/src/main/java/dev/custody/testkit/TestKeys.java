package dev.custody.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * EC keys and the PEM files people sign with, in every form {@code openssl} writes them: PKCS#8
 * plain and encrypted, SEC1 ({@code EC PRIVATE KEY}) with or without the {@code EC PARAMETERS}
 * block {@code openssl ecparam -genkey} puts first, and legacy-encrypted SEC1. Built with
 * BouncyCastle, so tests never need {@code openssl} installed.
 */
public final class TestKeys {
  private TestKeys() {}

  /** A new key pair on {@code curve} (a SEC 2 name such as {@code secp256r1}). */
  public static KeyPair generate(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot make an EC key on " + curve, e);
    }
  }

  /** {@code -----BEGIN PUBLIC KEY-----} (SubjectPublicKeyInfo), as {@code openssl pkey -pubout}. */
  public static byte[] publicKeyPem(PublicKey key) {
    try {
      return write(new JcaMiscPEMGenerator(key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code -----BEGIN PRIVATE KEY-----} (unencrypted PKCS#8), as {@code openssl genpkey}. */
  public static byte[] pkcs8Pem(PrivateKey key) {
    return write(new PemObject("PRIVATE KEY", key.getEncoded()));
  }

  /**
   * {@code -----BEGIN ENCRYPTED PRIVATE KEY-----} (PKCS#8 with PBES2, AES-256-CBC), as {@code
   * openssl pkcs8 -topk8 -v2 aes-256-cbc}.
   */
  public static byte[] encryptedPkcs8Pem(PrivateKey key, char[] password) {
    try {
      return write(
          new JcaPKCS8Generator(
              key,
              new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                  .setProvider(new BouncyCastleProvider())
                  .setPassword(password)
                  .build()));
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot encrypt a test key", e);
    }
  }

  /**
   * {@code -----BEGIN EC PRIVATE KEY-----} (SEC1, with the curve and the public key inside, as
   * openssl writes it), preceded by {@code -----BEGIN EC PARAMETERS-----} when {@code
   * withParameters}, as {@code openssl ecparam -name prime256v1 -genkey} writes. The public key
   * written is {@code pair.getPublic()}, so a test can pair a private key with a foreign public
   * key.
   */
  public static byte[] sec1Pem(KeyPair pair, boolean withParameters) {
    PrivateKeyInfo info = sec1Info(pair);
    try {
      PemObject sec1 =
          new PemObject("EC PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
      if (!withParameters) {
        return write(sec1);
      }
      PemObject parameters =
          new PemObject(
              "EC PARAMETERS",
              info.getPrivateKeyAlgorithm().getParameters().toASN1Primitive().getEncoded());
      return concat(write(parameters), write(sec1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * SEC1 without the optional public key (RFC 5915 allows it), as {@code openssl ec -no_public}
   * writes.
   */
  public static byte[] sec1PemWithoutPublicKey(PrivateKey key) {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    ECPrivateKey ec = (ECPrivateKey) key;
    try {
      org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
          new org.bouncycastle.asn1.sec.ECPrivateKey(
              ec.getParams().getOrder().bitLength(),
              ec.getS(),
              info.getPrivateKeyAlgorithm().getParameters());
      return write(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * SEC1 encrypted the legacy OpenSSL way ({@code Proc-Type: 4,ENCRYPTED}, {@code DEK-Info:
   * AES-256-CBC}), as {@code openssl ec -aes256}.
   */
  public static byte[] encryptedSec1Pem(KeyPair pair, char[] password) {
    try {
      return write(
          new JcaMiscPEMGenerator(
              sec1Info(pair),
              new JcePEMEncryptorBuilder("AES-256-CBC")
                  .setProvider(new BouncyCastleProvider())
                  .build(password)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PKCS#8 wrapper whose SEC1 key carries the curve and {@code pair}'s public key. */
  private static PrivateKeyInfo sec1Info(KeyPair pair) {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
    ECPrivateKey ec = (ECPrivateKey) pair.getPrivate();
    SubjectPublicKeyInfo publicKey =
        SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
    try {
      return new PrivateKeyInfo(
          info.getPrivateKeyAlgorithm(),
          new org.bouncycastle.asn1.sec.ECPrivateKey(
              ec.getParams().getOrder().bitLength(),
              ec.getS(),
              publicKey.getPublicKeyData(),
              info.getPrivateKeyAlgorithm().getParameters()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] write(PemObjectGenerator object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
