package dev.custody.sign;

import dev.custody.internal.Untrusted;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks an OMS certificate chain the way the reference verifier does: PKIX path validation to one
 * of the trusted roots, at the moment the signing certificate was issued (a key signature carries
 * no trusted time, so "valid when issued" is the only time there is), without revocation; then the
 * signing certificate must be meant for signing. Stricter than the reference: a signing certificate
 * issued in the future is refused.
 */
final class CertificateChains {
  private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
  private static final int DIGITAL_SIGNATURE = 0;

  private CertificateChains() {}

  /**
   * Validates {@code chain} (leaf first) against {@code roots}.
   *
   * @return the root the chain ended at
   */
  static TrustedRoot validate(List<X509Certificate> chain, List<TrustedRoot> roots, Instant now)
      throws VerificationException {
    X509Certificate leaf = chain.get(0);
    if (leaf.getNotBefore().toInstant().isAfter(now)) {
      throw untrusted(
          "the signing certificate is not valid until "
              + leaf.getNotBefore().toInstant()
              + "; a certificate from the future means a wrong clock or a forged chain");
    }
    PKIXCertPathValidatorResult result = pkix(withoutAnchors(chain, roots), roots, leaf);
    X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
    checkAnchorValidity(anchor, leaf);
    String problem = signingUsageProblem(leaf);
    if (problem != null) {
      throw untrusted("the signing certificate " + problem);
    }
    for (TrustedRoot root : roots) {
      if (root.certificate().equals(anchor)) {
        return root;
      }
    }
    throw new IllegalStateException("PKIX returned an anchor that was not given");
  }

  /**
   * PKIX never checks a trust anchor's own validity; OpenSSL, which the reference verifier uses,
   * does. A root that had expired (or was not yet valid) when the leaf was issued vouches for
   * nothing at that time.
   */
  private static void checkAnchorValidity(X509Certificate anchor, X509Certificate leaf)
      throws VerificationException {
    Instant issued = leaf.getNotBefore().toInstant();
    String problem =
        anchor.getNotAfter().toInstant().isBefore(issued)
            ? "had expired when the signing certificate was issued (valid until "
                + anchor.getNotAfter().toInstant()
            : anchor.getNotBefore().toInstant().isAfter(issued)
                ? "was not yet valid when the signing certificate was issued (valid from "
                    + anchor.getNotBefore().toInstant()
                : null;
    if (problem != null) {
      throw untrusted(
          "the trusted root "
              + Untrusted.quote(anchor.getSubjectX500Principal().getName())
              + " "
              + problem
              + ", signing certificate issued "
              + issued
              + "); pass the CA that was valid then with --ca, or re-sign with a trusted"
              + " certificate");
    }
  }

  /**
   * The reason {@code leaf} may not sign code, or null if it may: a key usage extension must allow
   * digital signatures, an extended key usage must allow code signing, and one of them must be
   * there.
   */
  static @Nullable String signingUsageProblem(X509Certificate leaf) {
    boolean[] usage = leaf.getKeyUsage();
    List<String> extended;
    try {
      extended = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      return "has an unreadable extended key usage extension";
    }
    if (usage != null && !usage[DIGITAL_SIGNATURE]) {
      return "has a key usage without digitalSignature, so it may not sign";
    }
    if (extended != null && !extended.contains(CODE_SIGNING)) {
      return "has an extended key usage without codeSigning, so it may not sign models";
    }
    if (usage == null && extended == null) {
      return "has neither a key usage nor an extended key usage extension (expected"
          + " digitalSignature or codeSigning)";
    }
    return null;
  }

  /** A bundle may end its chain with the root itself; PKIX wants the path without the anchor. */
  private static List<X509Certificate> withoutAnchors(
      List<X509Certificate> chain, List<TrustedRoot> roots) {
    Set<X509Certificate> anchors = new HashSet<>();
    for (TrustedRoot root : roots) {
      anchors.add(root.certificate());
    }
    List<X509Certificate> path = new ArrayList<>(chain);
    while (path.size() > 1 && anchors.contains(path.get(path.size() - 1))) {
      path.remove(path.size() - 1);
    }
    return path;
  }

  private static PKIXCertPathValidatorResult pkix(
      List<X509Certificate> path, List<TrustedRoot> roots, X509Certificate leaf)
      throws VerificationException {
    try {
      Set<TrustAnchor> anchors = new HashSet<>();
      for (TrustedRoot root : roots) {
        anchors.add(new TrustAnchor(root.certificate(), null));
      }
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(leaf.getNotBefore());
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      return (PKIXCertPathValidatorResult)
          CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
    } catch (CertPathValidatorException e) {
      throw untrusted(describe(e, path));
    } catch (GeneralSecurityException e) {
      throw untrusted("the certificate chain could not be checked: " + e.getMessage());
    }
  }

  private static String describe(CertPathValidatorException e, List<X509Certificate> path) {
    int index = e.getIndex();
    String where =
        index >= 0 && index < path.size()
            ? " at "
                + (index == 0 ? "the signing certificate " : "chain certificate " + index + " ")
                + Untrusted.quote(path.get(index).getSubjectX500Principal().getName())
            : "";
    CertPathValidatorException.BasicReason reason =
        e.getReason() instanceof CertPathValidatorException.BasicReason basic
            ? basic
            : CertPathValidatorException.BasicReason.UNSPECIFIED;
    String why =
        switch (reason) {
          case EXPIRED -> "a certificate had expired when the signing certificate was issued";
          case NOT_YET_VALID ->
              "a certificate was not yet valid when the signing certificate was issued";
          case INVALID_SIGNATURE -> "a certificate's signature does not verify";
          case REVOKED -> "a certificate is revoked";
          case UNSPECIFIED, UNDETERMINED_REVOCATION_STATUS, ALGORITHM_CONSTRAINED ->
              "the chain does not lead to a trusted root ("
                  + Untrusted.escape(String.valueOf(e.getMessage()))
                  + ")";
        };
    return why
        + where
        + "; pass the CA that issued it with --ca, or re-sign with a trusted"
        + " certificate";
  }

  private static VerificationException untrusted(String message) {
    return new VerificationException(VerificationException.Reason.UNTRUSTED_CERTIFICATE, message);
  }
}
