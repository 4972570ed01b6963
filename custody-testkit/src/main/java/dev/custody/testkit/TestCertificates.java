package dev.custody.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Builds X.509 certificates for tests: roots, intermediates and signing certificates, with the
 * validity, key usage and extended key usage a test needs, so that no test depends on fixture files
 * that expire.
 *
 * <pre>{@code
 * TestCertificates.Chain chain = TestCertificates.chain("secp256r1");   // root -> intermediate -> leaf
 * Issued root = TestCertificates.authority("CN=root").build();
 * Issued leaf = TestCertificates.signer("CN=leaf").publicKey(key).issuedBy(root)
 *     .keyUsage(Usage.KEY_ENCIPHERMENT).build();                        // may not sign
 * }</pre>
 */
public final class TestCertificates {
  /** A fixed, comfortably wide validity: certificates issued 2020-01-01, valid until 2100. */
  public static final Instant DEFAULT_NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");

  /** The default end of validity. */
  public static final Instant DEFAULT_NOT_AFTER = Instant.parse("2100-01-01T00:00:00Z");

  private static final AtomicLong SERIALS = new AtomicLong(1000);

  private TestCertificates() {}

  /** Key usage bits (RFC 5280 §4.2.1.3) a test may set. */
  public enum Usage {
    /** {@code digitalSignature}: what a model-signing certificate needs. */
    DIGITAL_SIGNATURE(KeyUsage.digitalSignature),
    /** {@code keyEncipherment}. */
    KEY_ENCIPHERMENT(KeyUsage.keyEncipherment),
    /** {@code keyCertSign}: what a CA needs. */
    KEY_CERT_SIGN(KeyUsage.keyCertSign),
    /** {@code cRLSign}. */
    CRL_SIGN(KeyUsage.cRLSign);

    private final int bit;

    Usage(int bit) {
      this.bit = bit;
    }
  }

  /** Extended key usages (RFC 5280 §4.2.1.12) a test may set. */
  public enum Purpose {
    /** {@code id-kp-codeSigning}: what a model-signing certificate may have. */
    CODE_SIGNING("1.3.6.1.5.5.7.3.3"),
    /** {@code id-kp-serverAuth}: a TLS server certificate. */
    SERVER_AUTH("1.3.6.1.5.5.7.3.1"),
    /** {@code id-kp-emailProtection}. */
    EMAIL_PROTECTION("1.3.6.1.5.5.7.3.4");

    private final String oid;

    Purpose(String oid) {
      this.oid = oid;
    }

    /** The purpose's object identifier. */
    public String oid() {
      return oid;
    }
  }

  /**
   * A certificate with its key pair's halves.
   *
   * @param certificate the certificate
   * @param publicKey the certified public key
   * @param privateKey the matching private key, or null when the test supplied only the public key
   */
  public record Issued(
      X509Certificate certificate, PublicKey publicKey, @Nullable PrivateKey privateKey) {

    /** The key pair; fails when the test gave only a public key. */
    public KeyPair keyPair() {
      return new KeyPair(publicKey, requirePrivateKey());
    }

    PrivateKey requirePrivateKey() {
      PrivateKey key = privateKey;
      if (key == null) {
        throw new IllegalStateException(
            certificate.getSubjectX500Principal().getName()
                + " was built from a public key only; it cannot sign");
      }
      return key;
    }

    /** The certificate as PEM text. */
    public String pem() {
      return TestCertificates.pem(List.of(certificate));
    }
  }

  /**
   * A three-level chain as OMS certificate signing uses it.
   *
   * @param root the self-signed root, which the verifier trusts
   * @param intermediate the intermediate CA, issued by the root
   * @param leaf the signing certificate, issued by the intermediate
   */
  public record Chain(Issued root, Issued intermediate, Issued leaf) {
    /** What a signer puts in the bundle: the leaf, then the intermediate (never the root). */
    public List<X509Certificate> signingChain() {
      return List.of(leaf.certificate(), intermediate.certificate());
    }
  }

  /**
   * A root, intermediate and signing certificate, every key on {@code curve} (a SEC 2 name such as
   * {@code secp256r1}), valid from {@link #DEFAULT_NOT_BEFORE} to {@link #DEFAULT_NOT_AFTER}.
   */
  public static Chain chain(String curve) {
    Issued root = authority("CN=custody-test-root").curve(curve).build();
    Issued intermediate =
        authority("CN=custody-test-intermediate").curve(curve).issuedBy(root).build();
    Issued leaf = signer("CN=custody-test-signer").curve(curve).issuedBy(intermediate).build();
    return new Chain(root, intermediate, leaf);
  }

  /**
   * A builder for a CA certificate: basic constraints CA, key usage keyCertSign and cRLSign,
   * self-signed unless {@link Builder#issuedBy} is called.
   */
  public static Builder authority(String subject) {
    return new Builder(subject, true);
  }

  /**
   * A builder for a signing certificate: not a CA, key usage digitalSignature, extended key usage
   * codeSigning, self-signed unless {@link Builder#issuedBy} is called.
   */
  public static Builder signer(String subject) {
    return new Builder(subject, false);
  }

  /** The certificates as PEM text, one block each, in order. */
  public static String pem(List<X509Certificate> certificates) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (X509Certificate certificate : certificates) {
        writer.writeObject(certificate);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** Builds one certificate; every setting has a default, so {@code build()} always works. */
  public static final class Builder {
    private final String subject;
    private final boolean authority;
    private String curve = "secp256r1";
    private @Nullable PublicKey publicKey;
    private @Nullable KeyPair keyPair;
    private @Nullable Issued issuer;
    private Instant notBefore = DEFAULT_NOT_BEFORE;
    private Instant notAfter = DEFAULT_NOT_AFTER;
    private @Nullable List<Usage> usages;
    private @Nullable List<Purpose> purposes;
    private final List<String> emails = new ArrayList<>();

    private Builder(String subject, boolean authority) {
      this.subject = subject;
      this.authority = authority;
      this.usages =
          authority
              ? List.of(Usage.KEY_CERT_SIGN, Usage.CRL_SIGN)
              : List.of(Usage.DIGITAL_SIGNATURE);
      this.purposes = authority ? null : List.of(Purpose.CODE_SIGNING);
    }

    /** Generate the key on {@code name} (SEC 2, e.g. {@code secp384r1}); default secp256r1. */
    public Builder curve(String name) {
      this.curve = name;
      return this;
    }

    /** Certify this key pair instead of generating one. */
    public Builder keyPair(KeyPair pair) {
      this.keyPair = pair;
      return this;
    }

    /** Certify this public key; the result then has no private key and cannot issue. */
    public Builder publicKey(PublicKey key) {
      this.publicKey = key;
      return this;
    }

    /** Issue from {@code ca} (which must hold its private key) instead of self-signing. */
    public Builder issuedBy(Issued ca) {
      this.issuer = ca;
      return this;
    }

    /** The validity period. */
    public Builder validity(Instant from, Instant until) {
      this.notBefore = from;
      this.notAfter = until;
      return this;
    }

    /** Exactly these key usage bits. */
    public Builder keyUsage(Usage... bits) {
      this.usages = List.of(bits);
      return this;
    }

    /** No key usage extension at all. */
    public Builder noKeyUsage() {
      this.usages = null;
      return this;
    }

    /** Exactly these extended key usages. */
    public Builder extendedKeyUsage(Purpose... ids) {
      this.purposes = List.of(ids);
      return this;
    }

    /** No extended key usage extension at all. */
    public Builder noExtendedKeyUsage() {
      this.purposes = null;
      return this;
    }

    /** Adds an email subject alternative name. */
    public Builder email(String address) {
      emails.add(address);
      return this;
    }

    /** Builds and signs the certificate. */
    public Issued build() {
      KeyPair own = keyPair;
      PublicKey certified;
      PrivateKey ownPrivate;
      if (publicKey != null) {
        certified = publicKey;
        ownPrivate = null;
      } else {
        KeyPair pair = own != null ? own : TestKeys.generate(curve);
        certified = pair.getPublic();
        ownPrivate = pair.getPrivate();
      }
      try {
        return new Issued(sign(certified, ownPrivate), certified, ownPrivate);
      } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
        throw new IllegalStateException("could not build test certificate " + subject, e);
      }
    }

    private X509Certificate sign(PublicKey certified, @Nullable PrivateKey ownPrivate)
        throws GeneralSecurityException, OperatorCreationException, IOException {
      Issued ca = issuer;
      X500Name issuerName =
          ca == null
              ? new X500Name(subject)
              : X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
      PrivateKey signingKey;
      PublicKey signingPublic;
      if (ca == null) {
        if (ownPrivate == null) {
          throw new IllegalStateException(
              subject + " is self-signed but was given only a public key; call issuedBy(...)");
        }
        signingKey = ownPrivate;
        signingPublic = certified;
      } else {
        signingKey = ca.requirePrivateKey();
        signingPublic = ca.publicKey();
      }
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              BigInteger.valueOf(SERIALS.incrementAndGet()),
              Date.from(notBefore),
              Date.from(notAfter),
              new X500Name(subject),
              certified);
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(certified));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          extensions.createAuthorityKeyIdentifier(signingPublic));
      List<Usage> bits = usages;
      if (bits != null) {
        int mask = 0;
        for (Usage usage : bits) {
          mask |= usage.bit;
        }
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(mask));
      }
      List<Purpose> ids = purposes;
      if (ids != null) {
        KeyPurposeId[] array = new KeyPurposeId[ids.size()];
        for (int i = 0; i < array.length; i++) {
          array[i] = KeyPurposeId.getInstance(new ASN1ObjectIdentifier(ids.get(i).oid));
        }
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(array));
      }
      if (!emails.isEmpty()) {
        GeneralName[] names = new GeneralName[emails.size()];
        for (int i = 0; i < names.length; i++) {
          names[i] = new GeneralName(GeneralName.rfc822Name, emails.get(i));
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder(signatureAlgorithm(signingPublic))
                      .build(signingKey)));
    }

    /** ECDSA with the digest that matches the issuer's curve, as CAs do. */
    private static String signatureAlgorithm(PublicKey issuerKey) {
      int bits =
          issuerKey instanceof ECKey ec ? ec.getParams().getCurve().getField().getFieldSize() : 256;
      return bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
    }
  }
}
