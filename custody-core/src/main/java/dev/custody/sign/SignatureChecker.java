package dev.custody.sign;

import dev.custody.format.oms.Bundle;
import dev.custody.format.oms.BundleReader;
import dev.custody.format.oms.Envelope;
import dev.custody.format.oms.MalformedBundleException;
import dev.custody.format.oms.PredicateType;
import dev.custody.format.oms.SignedStatement;
import dev.custody.format.oms.StatementReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks a bundle against a trust policy: form, the signer, the signature over the statement, and
 * the statement's own consistency. Nothing about the model on disk; see {@link ModelVerifier}.
 */
final class SignatureChecker {
  private final TrustPolicy trust;
  private final Clock clock;

  SignatureChecker(TrustPolicy trust, Clock clock) {
    this.trust = trust;
    this.clock = clock;
  }

  VerifiedStatement check(byte[] bundleJson) throws VerificationException {
    Bundle bundle = read(bundleJson);
    EnvelopeVerifier.checkForm(bundle.envelope());
    SignedStatement statement = statement(bundle.envelope());
    boolean legacy = statement.predicateType() == PredicateType.DIGESTS_V0_1;
    VerifiedSignature verified =
        new EnvelopeVerifier(trust, clock)
            .verify(bundleJson, bundle, statement.subjectDigest(), legacy);
    List<String> warnings = new ArrayList<>(verified.warnings());
    if (!statement.isConsistent()) {
      throw new VerificationException(
          VerificationException.Reason.INCONSISTENT_STATEMENT,
          "the signed statement's subject "
              + statement.subjectDigest()
              + " is not the digest of its own resources ("
              + statement.resourcesDigest()
              + "); the signer wrote a broken statement, so it vouches for nothing");
    }
    if (legacy) {
      warnings.add("the signature is in the old OMS v0.2 format; re-sign with a current signer");
    }
    return new VerifiedStatement(verified.signer(), verified.trustEntry(), statement, warnings);
  }

  private static Bundle read(byte[] bundleJson) throws VerificationException {
    try {
      return BundleReader.read(bundleJson);
    } catch (MalformedBundleException e) {
      throw malformed("the signature file is not a valid OMS bundle: " + e.getMessage(), e);
    }
  }

  private static SignedStatement statement(Envelope envelope) throws VerificationException {
    try {
      return StatementReader.read(envelope.payload().toByteArray());
    } catch (MalformedBundleException e) {
      throw malformed("the signed statement is not an OMS statement: " + e.getMessage(), e);
    }
  }

  static VerificationException malformed(String message, @Nullable Throwable cause) {
    return new VerificationException(
        VerificationException.Reason.MALFORMED_SIGNATURE,
        message + "; the file was damaged or altered: get the signature again from its source",
        cause);
  }
}
