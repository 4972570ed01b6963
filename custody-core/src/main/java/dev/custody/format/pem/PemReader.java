package dev.custody.format.pem;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.jspecify.annotations.Nullable;

/**
 * Reads keys and certificates from PEM text. Every method is total: it returns what was asked for
 * or throws {@link MalformedKeyException} saying what the file held instead.
 */
public final class PemReader {
  /** The largest PEM file read; real keys are under 1 KiB and chains a few KiB. */
  public static final int MAX_PEM_BYTES = 1 << 20;

  /** The most objects read from one file (a chain longer than this is not a real chain). */
  public static final int MAX_OBJECTS = 32;

  private PemReader() {}

  /** The one public key ({@code PUBLIC KEY}) in {@code pem}. */
  public static PublicKey readPublicKey(byte[] pem) throws MalformedKeyException {
    Object object = single(pem, "a public key (-----BEGIN PUBLIC KEY-----)");
    if (object instanceof SubjectPublicKeyInfo info) {
      return convert(() -> new JcaPEMKeyConverter().getPublicKey(info));
    }
    if (object instanceof X509CertificateHolder) {
      throw new MalformedKeyException(
          "the file holds a certificate, not a public key (use it as a certificate, or extract the"
              + " key with: openssl x509 -pubkey -noout -in FILE)");
    }
    throw unexpected(object, "a public key (-----BEGIN PUBLIC KEY-----)");
  }

  /**
   * The one private key in {@code pem}, with its public key: PKCS#8 ({@code PRIVATE KEY}), SEC1
   * ({@code EC PRIVATE KEY}, optionally after {@code EC PARAMETERS}), or either one encrypted.
   *
   * @param password the password for an encrypted key; {@code null} if none was given
   */
  public static KeyPair readPrivateKey(byte[] pem, char @Nullable [] password)
      throws MalformedKeyException {
    Object object = single(pem, "a private key (-----BEGIN PRIVATE KEY-----)");
    return switch (object) {
      case PEMKeyPair pair -> keyPair(pair);
      case PrivateKeyInfo info ->
          withPublicKey(convert(() -> new JcaPEMKeyConverter().getPrivateKey(info)));
      case PKCS8EncryptedPrivateKeyInfo encrypted -> decrypt(encrypted, requirePassword(password));
      case PEMEncryptedKeyPair encrypted -> decrypt(encrypted, requirePassword(password));
      case SubjectPublicKeyInfo publicKey ->
          throw new MalformedKeyException(
              "the file holds a public key, not a private key (sign with the private key; the"
                  + " public key is for verifying)");
      default -> throw unexpected(object, "a private key (-----BEGIN PRIVATE KEY-----)");
    };
  }

  /** Every certificate in {@code pem}, in file order; at least one. */
  public static List<X509Certificate> readCertificates(byte[] pem) throws MalformedKeyException {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Object object : objects(pem)) {
      if (!(object instanceof X509CertificateHolder holder)) {
        throw unexpected(object, "certificates (-----BEGIN CERTIFICATE-----)");
      }
      certificates.add(certificate(holder));
    }
    if (certificates.isEmpty()) {
      throw new MalformedKeyException(
          "the file holds no certificate (expected -----BEGIN CERTIFICATE----- blocks)");
    }
    return certificates;
  }

  /** Parses DER bytes from a bundle as an X.509 certificate. */
  public static X509Certificate readCertificate(byte[] der) throws MalformedKeyException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new java.io.ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new MalformedKeyException("not a DER X.509 certificate: " + e.getMessage(), e);
    }
  }

  private static X509Certificate certificate(X509CertificateHolder holder)
      throws MalformedKeyException {
    try {
      return readCertificate(holder.getEncoded());
    } catch (IOException e) {
      throw new MalformedKeyException("the certificate could not be encoded: " + e.getMessage(), e);
    }
  }

  private static Object single(byte[] pem, String expected) throws MalformedKeyException {
    List<Object> objects = new ArrayList<>();
    for (Object object : objects(pem)) {
      // openssl ecparam -genkey writes the curve's parameters before the key; they add nothing.
      if (!(object instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier)
          && !(object instanceof org.bouncycastle.asn1.x9.X9ECParameters)) {
        objects.add(object);
      }
    }
    if (objects.size() != 1) {
      throw new MalformedKeyException(
          "the file holds "
              + objects.size()
              + " PEM objects (expected exactly one: "
              + expected
              + ")");
    }
    return objects.get(0);
  }

  private static List<Object> objects(byte[] pem) throws MalformedKeyException {
    if (pem.length > MAX_PEM_BYTES) {
      throw new MalformedKeyException(
          "the file is "
              + pem.length
              + " bytes (a PEM key or chain is at most "
              + MAX_PEM_BYTES
              + ")");
    }
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser =
        new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (objects.size() == MAX_OBJECTS) {
          throw new MalformedKeyException(
              "the file holds more than " + MAX_OBJECTS + " PEM objects");
        }
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      // BouncyCastle reports broken base64 or DER with assorted runtime exceptions.
      throw new MalformedKeyException("not a readable PEM file: " + e.getMessage(), e);
    }
    if (objects.isEmpty()) {
      throw new MalformedKeyException(
          "the file holds no PEM object (expected text starting with -----BEGIN ...-----)");
    }
    return objects;
  }

  private static char[] requirePassword(char @Nullable [] password) throws MalformedKeyException {
    if (password == null) {
      throw new MalformedKeyException(
          "the private key is encrypted and no password was given (set the password's"
              + " environment variable, or run in a terminal to be asked)");
    }
    return password;
  }

  private static KeyPair decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] password)
      throws MalformedKeyException {
    try {
      PrivateKeyInfo info =
          encrypted.decryptPrivateKeyInfo(
              new JceOpenSSLPKCS8DecryptorProviderBuilder()
                  .setProvider(new BouncyCastleProvider())
                  .build(password));
      return withPublicKey(convert(() -> new JcaPEMKeyConverter().getPrivateKey(info)));
    } catch (PKCSException | OperatorCreationException | RuntimeException e) {
      throw wrongPassword(e);
    }
  }

  private static KeyPair decrypt(PEMEncryptedKeyPair encrypted, char[] password)
      throws MalformedKeyException {
    PEMKeyPair pair;
    try {
      pair =
          encrypted.decryptKeyPair(
              new JcePEMDecryptorProviderBuilder()
                  .setProvider(new BouncyCastleProvider())
                  .build(password));
    } catch (IOException | RuntimeException e) {
      throw wrongPassword(e);
    }
    return keyPair(pair);
  }

  /**
   * A SEC1 key: the public key is optional in it (RFC 5915, {@code openssl ec -no_public}), so it
   * is always derived from the private key, and a public key the file does carry must be that one.
   */
  private static KeyPair keyPair(PEMKeyPair pair) throws MalformedKeyException {
    KeyPair derived =
        withPublicKey(
            convert(() -> new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo())));
    SubjectPublicKeyInfo stated = pair.getPublicKeyInfo();
    if (stated != null) {
      PublicKey statedKey = convert(() -> new JcaPEMKeyConverter().getPublicKey(stated));
      if (!(statedKey instanceof ECPublicKey ec)
          || !ec.getW().equals(((ECPublicKey) derived.getPublic()).getW())) {
        throw new MalformedKeyException(
            "the key file's public key does not belong to its private key; the file was damaged"
                + " or pieced together (export the private key again, e.g. openssl ec -in KEY)");
      }
    }
    return derived;
  }

  private static MalformedKeyException wrongPassword(Exception e) {
    return new MalformedKeyException(
        "the private key could not be decrypted: wrong password or unsupported encryption ("
            + e.getMessage()
            + ")",
        e);
  }

  /** A PKCS#8 EC key need not carry its public key; derive it as Q = d·G on the key's curve. */
  private static KeyPair withPublicKey(PrivateKey key) throws MalformedKeyException {
    if (!(key instanceof ECPrivateKey ec)) {
      throw new MalformedKeyException(
          "the private key is "
              + key.getAlgorithm()
              + " (expected an EC key on P-256, P-384 or P-521)");
    }
    String curve = CurveNames.of(ec.getParams());
    ECNamedCurveParameterSpec spec = ECNamedCurveTable.getParameterSpec(curve);
    org.bouncycastle.math.ec.ECPoint q = spec.getG().multiply(ec.getS()).normalize();
    ECPoint point =
        new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    try {
      PublicKey publicKey =
          KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, ec.getParams()));
      return new KeyPair(publicKey, key);
    } catch (java.security.NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new MalformedKeyException("the public key could not be derived: " + e.getMessage(), e);
    }
  }

  private interface Conversion<T> {
    T run() throws PEMException;
  }

  private static <T> T convert(Conversion<T> conversion) throws MalformedKeyException {
    try {
      return conversion.run();
    } catch (PEMException | RuntimeException e) {
      throw new MalformedKeyException(
          "the key could not be decoded (" + e.getMessage() + "); expected an EC key", e);
    }
  }

  private static MalformedKeyException unexpected(Object object, String expected) {
    return new MalformedKeyException(
        "the file holds " + describe(object) + " (expected " + expected + ")");
  }

  private static String describe(Object object) {
    return switch (object) {
      case X509CertificateHolder c -> "a certificate";
      case SubjectPublicKeyInfo k -> "a public key";
      case PrivateKeyInfo k -> "a private key";
      case PEMKeyPair k -> "a private key";
      case PKCS8EncryptedPrivateKeyInfo k -> "an encrypted private key";
      case PEMEncryptedKeyPair k -> "an encrypted private key";
      default -> "a PEM object of another kind (" + object.getClass().getSimpleName() + ")";
    };
  }
}
