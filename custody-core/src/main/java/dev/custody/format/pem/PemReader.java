package dev.custody.format.pem;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads keys and certificates from PEM text. Every method is total: it returns what was asked for
 * or throws {@link MalformedKeyException} saying what the file held instead. Public keys,
 * certificates and plain PKCS#8 keys are read by the JDK; only SEC1 and encrypted private keys need
 * Bouncy Castle ({@link BouncyCastleKeys}).
 */
public final class PemReader {
  /** The largest PEM file read; real keys are under 1 KiB and chains a few KiB. */
  public static final int MAX_PEM_BYTES = 1 << 20;

  /** The most blocks read from one file (a chain longer than this is not a real chain). */
  public static final int MAX_OBJECTS = 32;

  private static final String PUBLIC_KEY = "PUBLIC KEY";
  private static final String CERTIFICATE = "CERTIFICATE";
  private static final String PRIVATE_KEY = "PRIVATE KEY";
  private static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";
  private static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
  private static final String EC_PARAMETERS = "EC PARAMETERS";

  private PemReader() {}

  /** The one EC public key ({@code PUBLIC KEY}) in {@code pem}. */
  public static PublicKey readPublicKey(byte[] pem) throws MalformedKeyException {
    PemBlock block = single(pem, "a public key (-----BEGIN PUBLIC KEY-----)");
    return switch (block.label()) {
      case PUBLIC_KEY -> {
        try {
          yield ecKeys().generatePublic(new X509EncodedKeySpec(block.der()));
        } catch (GeneralSecurityException | RuntimeException e) {
          throw notEc("public", OtherKeys.publicKind(block.der()), e);
        }
      }
      case CERTIFICATE ->
          throw new MalformedKeyException(
              "the file holds a certificate, not a public key (use it as a certificate, or extract"
                  + " the key with: openssl x509 -pubkey -noout -in FILE)");
      case PRIVATE_KEY, ENCRYPTED_PRIVATE_KEY, EC_PRIVATE_KEY ->
          throw new MalformedKeyException(
              "the file holds a private key (expected a public key, -----BEGIN PUBLIC KEY-----;"
                  + " never hand out the private key: give verifiers NAME.pub.pem)");
      default -> throw unexpected(block, "a public key (-----BEGIN PUBLIC KEY-----)");
    };
  }

  /**
   * The one private key in {@code pem}, with its public key: PKCS#8 ({@code PRIVATE KEY}), SEC1
   * ({@code EC PRIVATE KEY}, optionally after {@code EC PARAMETERS}), or either one encrypted.
   *
   * @param password the password for an encrypted key; {@code null} if none was given
   */
  public static KeyPair readPrivateKey(byte[] pem, char @Nullable [] password)
      throws MalformedKeyException {
    return readPrivateKeyAsking(pem, () -> password);
  }

  /**
   * As {@link #readPrivateKey(byte[], char[])}, asking {@code password} for the password only if
   * the key turns out to be encrypted (so no one is prompted for a key that needs none).
   */
  public static KeyPair readPrivateKeyAsking(byte[] pem, Supplier<char @Nullable []> password)
      throws MalformedKeyException {
    PemBlock block = single(pem, "a private key (-----BEGIN PRIVATE KEY-----)");
    return switch (block.label()) {
      case PRIVATE_KEY -> withPublicKey(pkcs8(block.der()));
      case ENCRYPTED_PRIVATE_KEY ->
          withPublicKey(BouncyCastleKeys.pkcs8(block.text(), requirePassword(password.get())));
      case EC_PRIVATE_KEY ->
          BouncyCastleKeys.sec1(
              block.text(), block.hasHeaders() ? requirePassword(password.get()) : new char[0]);
      case PUBLIC_KEY ->
          throw new MalformedKeyException(
              "the file holds a public key, not a private key (sign with the private key; the"
                  + " public key is for verifying)");
      default -> throw unexpected(block, "a private key (-----BEGIN PRIVATE KEY-----)");
    };
  }

  /** Every certificate in {@code pem}, in file order; at least one. */
  public static List<X509Certificate> readCertificates(byte[] pem) throws MalformedKeyException {
    List<X509Certificate> certificates = new ArrayList<>();
    for (PemBlock block : blocks(pem)) {
      if (!block.label().equals(CERTIFICATE)) {
        throw unexpected(block, "certificates (-----BEGIN CERTIFICATE-----)");
      }
      certificates.add(readCertificate(block.der()));
    }
    if (certificates.isEmpty()) {
      throw new MalformedKeyException(
          "the file holds no certificate (expected -----BEGIN CERTIFICATE----- blocks)");
    }
    return certificates;
  }

  /** Parses DER bytes (from a PEM file or a bundle) as an X.509 certificate. */
  public static X509Certificate readCertificate(byte[] der) throws MalformedKeyException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new MalformedKeyException("not a DER X.509 certificate: " + e.getMessage(), e);
    }
  }

  private static PemBlock single(byte[] pem, String expected) throws MalformedKeyException {
    List<PemBlock> blocks = new ArrayList<>();
    for (PemBlock block : blocks(pem)) {
      // openssl ecparam -genkey writes the curve's parameters before the key; they add nothing.
      if (!block.label().equals(EC_PARAMETERS)) {
        blocks.add(block);
      }
    }
    if (blocks.size() != 1) {
      throw new MalformedKeyException(
          "the file holds "
              + blocks.size()
              + " PEM blocks (expected exactly one: "
              + expected
              + ")");
    }
    return blocks.get(0);
  }

  private static List<PemBlock> blocks(byte[] pem) throws MalformedKeyException {
    if (pem.length > MAX_PEM_BYTES) {
      throw new MalformedKeyException(
          "the file is "
              + pem.length
              + " bytes (a PEM key or chain is at most "
              + MAX_PEM_BYTES
              + ")");
    }
    List<PemBlock> blocks = PemBlock.parse(new String(pem, StandardCharsets.US_ASCII), MAX_OBJECTS);
    if (blocks.isEmpty()) {
      throw new MalformedKeyException(
          "the file holds no PEM block (expected text starting with -----BEGIN ...-----)");
    }
    return blocks;
  }

  private static PrivateKey pkcs8(byte[] der) throws MalformedKeyException {
    try {
      return ecKeys().generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw notEc("private", OtherKeys.privateKind(der), e);
    }
  }

  private static char[] requirePassword(char @Nullable [] password) throws MalformedKeyException {
    if (password == null) {
      throw new MalformedKeyException(
          "the private key is encrypted and no password was given (set the password's"
              + " environment variable, or run in a terminal to be asked)");
    }
    return password;
  }

  static MalformedKeyException wrongPassword(Exception e) {
    return new MalformedKeyException(
        "the private key could not be decrypted: wrong password or unsupported encryption ("
            + e.getMessage()
            + ")",
        e);
  }

  /** A PKCS#8 EC key need not carry its public key; derive it as Q = d·G on the key's curve. */
  static KeyPair withPublicKey(PrivateKey key) throws MalformedKeyException {
    if (!(key instanceof ECPrivateKey ec)) {
      throw new MalformedKeyException(
          "the private key is "
              + key.getAlgorithm()
              + " (expected an EC key on P-256, P-384 or P-521)");
    }
    String curve = CurveNames.of(ec.getParams());
    try {
      PublicKey publicKey =
          ecKeys()
              .generatePublic(
                  new ECPublicKeySpec(
                      BouncyCastleKeys.multiplyGenerator(curve, ec.getS()), ec.getParams()));
      return new KeyPair(publicKey, key);
    } catch (GeneralSecurityException e) {
      throw new MalformedKeyException("the public key could not be derived: " + e.getMessage(), e);
    }
  }

  private static MalformedKeyException notEc(String which, String kind, Exception e) {
    return new MalformedKeyException(
        kind.isEmpty()
            ? "the "
                + which
                + " key is damaged or of an unknown kind ("
                + e.getMessage()
                + "); expected an EC key on P-256, P-384 or P-521"
            : "the "
                + which
                + " key is "
                + kind
                + " (expected an EC key on P-256, P-384 or P-521; OMS signs with ECDSA only)",
        e);
  }

  private static KeyFactory ecKeys() {
    try {
      return KeyFactory.getInstance("EC");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java SE JDK has EC keys", e);
    }
  }

  private static MalformedKeyException unexpected(PemBlock block, String expected) {
    String what =
        switch (block.label()) {
          case "RSA PRIVATE KEY", "RSA PUBLIC KEY" -> "an RSA key (OMS signs with EC keys only)";
          case PRIVATE_KEY, EC_PRIVATE_KEY, ENCRYPTED_PRIVATE_KEY -> "a private key";
          case PUBLIC_KEY -> "a public key";
          case CERTIFICATE -> "a certificate";
          default -> "a PEM block labelled " + dev.custody.internal.Untrusted.quote(block.label());
        };
    return new MalformedKeyException("the file holds " + what + " (expected " + expected + ")");
  }
}
