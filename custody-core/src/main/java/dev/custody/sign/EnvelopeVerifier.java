package dev.custody.sign;

import dev.custody.format.oms.Bundle;
import dev.custody.format.oms.Envelope;
import dev.custody.format.oms.VerificationMaterial;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Checks who signed a bundle's DSSE envelope against a trust policy, whatever statement the
 * envelope carries: a key named by its hint, a certificate chain to a trusted root, or a keyless
 * Sigstore certificate. Model signatures and provenance attestations go through here; what the
 * statement means is the caller's business.
 */
public final class EnvelopeVerifier {
  private final TrustPolicy trust;
  private final Clock clock;

  /** A verifier trusting {@code trust}, whose "now" comes from {@code clock}. */
  public EnvelopeVerifier(TrustPolicy trust, Clock clock) {
    this.trust = trust;
    this.clock = clock;
  }

  /**
   * Verifies the envelope of {@code bundle}, read from {@code bundleJson}, over the DSSE v1
   * pre-authentication encoding.
   *
   * @param subject the subject digest the statement names (a keyless verifier checks it too)
   * @throws VerificationException with the reason the signature or signer is refused
   */
  public VerifiedSignature verify(byte[] bundleJson, Bundle bundle, Digest subject)
      throws VerificationException {
    return verify(bundleJson, bundle, subject, false);
  }

  /** As above; {@code legacyEncoding} checks over OMS v0.2's faulty encoding instead. */
  VerifiedSignature verify(byte[] bundleJson, Bundle bundle, Digest subject, boolean legacyEncoding)
      throws VerificationException {
    Envelope envelope = bundle.envelope();
    checkForm(envelope);
    List<String> warnings = new ArrayList<>();
    return switch (bundle.material()) {
      case VerificationMaterial.PublicKeyHint hint ->
          KeySignatures.check(trust.keys(), hint, envelope, legacyEncoding, warnings);
      case VerificationMaterial.CertificateChain chain ->
          new CertificateSignatures(trust.roots(), clock)
              .check(chain, envelope, legacyEncoding, warnings);
      case VerificationMaterial.KeylessCertificate keyless -> keyless(bundleJson, subject);
    };
  }

  /** An in-toto payload with exactly one signature, as OMS and custody write. */
  static void checkForm(Envelope envelope) throws VerificationException {
    if (!envelope.payloadType().equals(Envelope.IN_TOTO_PAYLOAD_TYPE)) {
      throw SignatureChecker.malformed(
          "/dsseEnvelope/payloadType is "
              + Untrusted.quote(envelope.payloadType())
              + " (expected "
              + Envelope.IN_TOTO_PAYLOAD_TYPE
              + ")",
          null);
    }
    if (envelope.signatures().size() != 1) {
      throw SignatureChecker.malformed(
          "/dsseEnvelope/signatures has "
              + envelope.signatures().size()
              + " entries (expected exactly one, as OMS signers write)",
          null);
    }
  }

  private VerifiedSignature keyless(byte[] bundleJson, Digest subject)
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
        Signer signer = verifier.verify(bundleJson, subject, identity);
        return new VerifiedSignature(signer, identity.identity(), List.of());
      } catch (VerificationException e) {
        first = first == null ? e : first;
      }
    }
    throw Objects.requireNonNull(first);
  }
}
