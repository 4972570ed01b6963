package dev.custody.sign;

import dev.custody.format.oms.Envelope;
import dev.custody.format.oms.VerificationMaterial;
import dev.custody.format.pem.MalformedKeyException;
import dev.custody.format.pem.PemReader;
import dev.custody.model.Bytes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/** Checks a signature made with a certificate chain (the OMS "certificate" method). */
final class CertificateSignatures {
  private final List<TrustedRoot> roots;
  private final Clock clock;

  CertificateSignatures(List<TrustedRoot> roots, Clock clock) {
    this.roots = roots;
    this.clock = clock;
  }

  VerifiedSignature check(
      VerificationMaterial.CertificateChain material,
      Envelope envelope,
      boolean legacyEncoding,
      List<String> warnings)
      throws VerificationException {
    if (roots.isEmpty()) {
      throw new VerificationException(
          VerificationException.Reason.WRONG_TRUST_SOURCE,
          "the signature was made with a certificate (OMS certificate method), but no certificate"
              + " authority is trusted; verify with --ca ROOT.pem");
    }
    List<X509Certificate> chain = parse(material.certificates());
    Instant now = clock.instant();
    TrustedRoot root = CertificateChains.validate(chain, roots, now);
    X509Certificate leaf = chain.get(0);
    Curve curve = curve(leaf);
    byte[] signature = envelope.signatures().get(0).signature().toByteArray();
    // OMS v0.2 certificate signatures hashed with SHA-256 whatever the curve (a reference bug).
    String algorithm = legacyEncoding ? "SHA256withECDSA" : curve.signatureAlgorithm();
    if (!Ecdsa.isValid(
        leaf.getPublicKey(),
        algorithm,
        KeySignatures.signedBytes(envelope, legacyEncoding),
        signature)) {
      throw new VerificationException(
          VerificationException.Reason.BAD_SIGNATURE,
          "the signature does not verify with the signing certificate's key: the signed"
              + " statement or the signature was altered after signing; get the signature again"
              + " from its source");
    }
    Instant notAfter = leaf.getNotAfter().toInstant();
    if (notAfter.isBefore(now)) {
      warnings.add(
          "the signing certificate expired on "
              + notAfter
              + "; OMS checks a chain as it was when the certificate was issued");
    }
    return new VerifiedSignature(signer(leaf, root, notAfter), root.name(), warnings);
  }

  private static List<X509Certificate> parse(List<Bytes> encoded) throws VerificationException {
    List<X509Certificate> chain = new ArrayList<>(encoded.size());
    for (int i = 0; i < encoded.size(); i++) {
      try {
        chain.add(PemReader.readCertificate(encoded.get(i).toByteArray()));
      } catch (MalformedKeyException e) {
        throw SignatureChecker.malformed(
            "/verificationMaterial/x509CertificateChain/certificates/"
                + i
                + "/rawBytes is "
                + e.getMessage(),
            e);
      }
    }
    return chain;
  }

  private static Curve curve(X509Certificate leaf) throws VerificationException {
    try {
      return SigningKey.curveOf(leaf.getPublicKey());
    } catch (MalformedKeyException e) {
      throw new VerificationException(
          VerificationException.Reason.UNTRUSTED_CERTIFICATE,
          "the signing certificate's key cannot sign OMS signatures: " + e.getMessage(),
          e);
    }
  }

  private static Signer.CertificateSigner signer(
      X509Certificate leaf, TrustedRoot root, Instant notAfter) {
    return new Signer.CertificateSigner(
        leaf.getSubjectX500Principal().getName(),
        subjectAltNames(leaf),
        leaf.getIssuerX500Principal().getName(),
        root.certificate().getSubjectX500Principal().getName(),
        fingerprint(leaf),
        notAfter);
  }

  /** Names as {@code email:...}, {@code uri:...}, {@code dns:...}, {@code ip:...}. */
  private static List<String> subjectAltNames(X509Certificate leaf) {
    List<String> names = new ArrayList<>();
    Collection<List<?>> entries;
    try {
      entries = leaf.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of("(unreadable subject alternative names)");
    }
    if (entries == null) {
      return names;
    }
    for (List<?> entry : entries) {
      String kind =
          switch (((Integer) entry.get(0))) {
            case 1 -> "email";
            case 2 -> "dns";
            case 6 -> "uri";
            case 7 -> "ip";
            default -> "other";
          };
      Object value = entry.get(1);
      if (value instanceof String text) {
        names.add(kind + ":" + dev.custody.internal.Untrusted.escape(text));
      }
    }
    return names;
  }

  private static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate can be hashed", e);
    }
  }
}
