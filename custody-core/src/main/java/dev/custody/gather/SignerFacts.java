package dev.custody.gather;

import dev.custody.evidence.SignatureEvidence;
import dev.custody.evidence.SignatureMethod;
import dev.custody.sign.Signer;
import dev.custody.sign.VerificationException;
import dev.custody.sign.VerifiedModel;
import java.util.List;

/** Turns a verification's verdict into signature evidence. */
final class SignerFacts {
  /** Evidence texts are bounded; longer messages (a diff of many files) are cut here. */
  private static final int MAX_MESSAGE = 2000;

  private SignerFacts() {}

  static SignatureEvidence verified(String source, VerifiedModel verified) {
    Signer signer = verified.signer();
    return new SignatureEvidence.Verified(
        source,
        method(signer),
        cut(signer.describe()),
        cut(identity(signer)),
        cut(issuer(signer)),
        cut(verified.trustEntry()),
        verified.rootDigest(),
        verified.warnings().stream().map(SignerFacts::cut).toList());
  }

  static SignatureEvidence failed(String source, VerificationException e) {
    return new SignatureEvidence.Failed(
        source, e.reason().token(), cut(String.valueOf(e.getMessage())));
  }

  private static SignatureMethod method(Signer signer) {
    return switch (signer) {
      case Signer.KeySigner key -> SignatureMethod.KEY;
      case Signer.CertificateSigner certificate -> SignatureMethod.CERTIFICATE;
      case Signer.KeylessSigner keyless -> SignatureMethod.KEYLESS;
    };
  }

  /**
   * The name a policy matches on: key hint, first subject alternative name or subject, identity.
   */
  private static String identity(Signer signer) {
    return switch (signer) {
      case Signer.KeySigner key -> "sha256:" + key.keyHint();
      case Signer.CertificateSigner certificate -> {
        List<String> names = certificate.subjectAltNames();
        yield names.isEmpty() ? certificate.subject() : names.get(0);
      }
      case Signer.KeylessSigner keyless -> keyless.identity();
    };
  }

  private static String issuer(Signer signer) {
    return switch (signer) {
      case Signer.KeySigner key -> "";
      case Signer.CertificateSigner certificate -> certificate.issuer();
      case Signer.KeylessSigner keyless -> keyless.issuer();
    };
  }

  static String cut(String text) {
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
  }
}
