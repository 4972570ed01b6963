package dev.custody.sign;

import dev.custody.format.oms.Bundle;
import dev.custody.format.oms.BundleReader;
import dev.custody.format.oms.Envelope;
import dev.custody.format.oms.MalformedBundleException;
import dev.custody.format.oms.PredicateType;
import dev.custody.format.oms.SignedStatement;
import dev.custody.format.oms.StatementReader;
import dev.custody.format.oms.VerificationMaterial;
import dev.custody.internal.Untrusted;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
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
    Envelope envelope = bundle.envelope();
    SignedStatement statement = statement(envelope);
    List<String> warnings = new ArrayList<>();
    VerifiedStatement verified =
        switch (bundle.material()) {
          case VerificationMaterial.PublicKeyHint hint ->
              KeySignatures.check(trust.keys(), hint, envelope, statement, warnings);
          case VerificationMaterial.CertificateChain chain ->
              new CertificateSignatures(trust.roots(), clock)
                  .check(chain, envelope, statement, warnings);
          case VerificationMaterial.KeylessCertificate keyless ->
              keyless(bundleJson, statement, warnings);
        };
    if (!statement.isConsistent()) {
      throw new VerificationException(
          VerificationException.Reason.INCONSISTENT_STATEMENT,
          "the signed statement's subject "
              + statement.subjectDigest()
              + " is not the digest of its own resources ("
              + statement.resourcesDigest()
              + "); the signer wrote a broken statement, so it vouches for nothing");
    }
    if (statement.predicateType() == PredicateType.DIGESTS_V0_1) {
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
    if (!envelope.payloadType().equals(Envelope.IN_TOTO_PAYLOAD_TYPE)) {
      throw malformed(
          "/dsseEnvelope/payloadType is "
              + Untrusted.quote(envelope.payloadType())
              + " (expected "
              + Envelope.IN_TOTO_PAYLOAD_TYPE
              + ")",
          null);
    }
    if (envelope.signatures().size() != 1) {
      throw malformed(
          "/dsseEnvelope/signatures has "
              + envelope.signatures().size()
              + " entries (expected exactly one, as OMS signers write)",
          null);
    }
    try {
      return StatementReader.read(envelope.payload().toByteArray());
    } catch (MalformedBundleException e) {
      throw malformed("the signed statement is not an OMS statement: " + e.getMessage(), e);
    }
  }

  private VerifiedStatement keyless(
      byte[] bundleJson, SignedStatement statement, List<String> warnings)
      throws VerificationException {
    if (trust.identities().isEmpty()) {
      throw new VerificationException(
          VerificationException.Reason.WRONG_TRUST_SOURCE,
          "the signature is keyless (a Sigstore certificate), but no keyless identity is trusted;"
              + " verify with --trusted-root FILE --identity ID --issuer URL");
    }
    KeylessVerifier verifier =
        ServiceLoader.load(KeylessVerifier.class)
            .findFirst()
            .orElseThrow(() ->
                new VerificationException(
                    VerificationException.Reason.UNSUPPORTED,
                    "keyless verification needs the custody-sigstore module on the class"
                        + " path, and it is not there"));
    VerificationException first = null;
    for (KeylessTrust identity : trust.identities()) {
      try {
        Signer signer = verifier.verify(bundleJson, statement.subjectDigest(), identity);
        return new VerifiedStatement(signer, identity.identity(), statement, warnings);
      } catch (VerificationException e) {
        first = first == null ? e : first;
      }
    }
    throw Objects.requireNonNull(first);
  }

  static VerificationException malformed(String message, @Nullable Throwable cause) {
    return new VerificationException(
        VerificationException.Reason.MALFORMED_SIGNATURE,
        message + "; the file was damaged or altered: get the signature again from its source",
        cause);
  }
}
