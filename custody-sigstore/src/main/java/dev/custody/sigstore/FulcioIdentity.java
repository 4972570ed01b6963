package dev.custody.sigstore;

import dev.custody.internal.Untrusted;
import dev.custody.sign.VerificationException;
import dev.custody.sign.VerificationException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.jspecify.annotations.Nullable;

/**
 * The identity a Fulcio certificate vouches for, read the way sigstore-java's certificate matcher
 * reads it, so that custody can name what it found when the matcher says no.
 *
 * @param identity the one subject alternative name (an email address or a URI)
 * @param issuer the OIDC issuer from Fulcio's extension
 */
record FulcioIdentity(String identity, String issuer) {
  /** Fulcio's issuer extension (a DER UTF8String), used since 2022. */
  private static final String ISSUER_OID = "1.3.6.1.4.1.57264.1.8";

  /** The first issuer extension, holding the raw UTF-8 bytes, still read by every verifier. */
  private static final String LEGACY_ISSUER_OID = "1.3.6.1.4.1.57264.1.1";

  private static final int SAN_EMAIL = 1;
  private static final int SAN_URI = 6;

  /**
   * Reads the identity and issuer of a Fulcio leaf certificate.
   *
   * @throws VerificationException ({@link Reason#UNTRUSTED_CERTIFICATE}) if the certificate does
   *     not name exactly one email or URI, or has no issuer extension
   */
  static FulcioIdentity of(X509Certificate leaf) throws VerificationException {
    return new FulcioIdentity(identityOf(leaf), issuerOf(leaf));
  }

  private static String identityOf(X509Certificate leaf) throws VerificationException {
    List<String> names = new ArrayList<>();
    int others = 0;
    try {
      Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
      for (List<?> san : sans == null ? List.<List<?>>of() : sans) {
        if ((san.get(0) instanceof Integer type) && (type == SAN_EMAIL || type == SAN_URI)) {
          names.add(String.valueOf(san.get(1)));
        } else {
          others++;
        }
      }
    } catch (CertificateParsingException e) {
      throw notFulcio("its subject alternative names cannot be parsed (" + e.getMessage() + ")");
    }
    // sigstore-java's matcher insists on exactly one name; so does custody, so a certificate
    // cannot smuggle a second identity past a check that only looks at the first.
    if (names.size() != 1 || others != 0) {
      throw notFulcio(
          "it names "
              + (names.size() + others)
              + " subject alternative names "
              + names.stream().map(Untrusted::quote).toList()
              + " (expected exactly one email address or URI)");
    }
    return names.get(0);
  }

  private static String issuerOf(X509Certificate leaf) throws VerificationException {
    try {
      String issuer = derString(leaf.getExtensionValue(ISSUER_OID));
      if (issuer == null) {
        issuer = rawString(leaf.getExtensionValue(LEGACY_ISSUER_OID));
      }
      if (issuer == null) {
        throw notFulcio(
            "it has no OIDC issuer extension ("
                + ISSUER_OID
                + " or "
                + LEGACY_ISSUER_OID
                + "), so it was not issued by Fulcio");
      }
      return issuer;
    } catch (IOException | IllegalArgumentException e) {
      throw notFulcio("its OIDC issuer extension cannot be parsed (" + e.getMessage() + ")");
    }
  }

  /** The string inside a DER-encoded extension value whose content is an ASN.1 string. */
  private static @Nullable String derString(byte @Nullable [] extension) throws IOException {
    if (extension == null) {
      return null;
    }
    byte[] octets = ASN1OctetString.getInstance(extension).getOctets();
    if (ASN1Primitive.fromByteArray(octets) instanceof ASN1String text) {
      return text.getString();
    }
    throw new IOException("the extension does not hold a DER string");
  }

  /** The raw UTF-8 bytes inside an extension value (the legacy Fulcio encoding). */
  private static @Nullable String rawString(byte @Nullable [] extension) {
    if (extension == null) {
      return null;
    }
    return new String(ASN1OctetString.getInstance(extension).getOctets(), StandardCharsets.UTF_8);
  }

  private static VerificationException notFulcio(String why) {
    return new VerificationException(
        Reason.UNTRUSTED_CERTIFICATE,
        "the keyless signing certificate is not a usable Fulcio certificate: "
            + why
            + "; sign again with a Sigstore (Fulcio) certificate");
  }
}
