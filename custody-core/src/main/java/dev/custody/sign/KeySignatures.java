package dev.custody.sign;

import dev.custody.format.oms.Envelope;
import dev.custody.format.oms.VerificationMaterial;
import java.util.ArrayList;
import java.util.List;

/** Checks a signature made with a bare key (the OMS "key" method) against the trusted keys. */
final class KeySignatures {
  private KeySignatures() {}

  static VerifiedSignature check(
      List<TrustedKey> keys,
      VerificationMaterial.PublicKeyHint material,
      Envelope envelope,
      boolean legacyEncoding,
      List<String> warnings)
      throws VerificationException {
    if (keys.isEmpty()) {
      throw new VerificationException(
          VerificationException.Reason.WRONG_TRUST_SOURCE,
          "the signature was made with a key (OMS key method), but no public key is trusted;"
              + " verify with --key PUB.pem");
    }
    String hint = material.hint();
    List<TrustedKey> candidates = new ArrayList<>();
    for (TrustedKey key : keys) {
      if (hint == null || key.hint().equals(hint)) {
        candidates.add(key);
      }
    }
    if (candidates.isEmpty()) {
      throw new VerificationException(
          VerificationException.Reason.UNTRUSTED_SIGNER,
          "the statement was signed by the key sha256:"
              + dev.custody.internal.Untrusted.escape(String.valueOf(hint))
              + ", which is not a trusted key (trusted: "
              + describe(keys)
              + "); verify with the signer's public key, or have it signed again by a trusted"
              + " key");
    }
    if (hint == null) {
      warnings.add(
          "the signature names no key (no hint); it was checked against every trusted key");
    }
    byte[] signed = signedBytes(envelope, legacyEncoding);
    byte[] signature = envelope.signatures().get(0).signature().toByteArray();
    for (TrustedKey key : candidates) {
      if (Ecdsa.isValid(key.key(), key.curve(), signed, signature)) {
        return new VerifiedSignature(
            new Signer.KeySigner(key.curve(), key.hint()), key.name(), warnings);
      }
    }
    throw new VerificationException(
        VerificationException.Reason.BAD_SIGNATURE,
        (hint == null
                ? "the signature verifies with none of the trusted keys (" + describe(keys) + ")"
                : "the signature does not verify with the key it names ("
                    + describe(candidates)
                    + ")")
            + ": the signed statement or the signature was altered after signing, or another"
            + " key signed it; get the signature again from its source");
  }

  /** OMS v0.2 signed a faulty encoding; only a v0.2 statement is checked over it. */
  static byte[] signedBytes(Envelope envelope, boolean legacyEncoding) {
    return legacyEncoding ? envelope.legacyPae() : envelope.pae();
  }

  private static String describe(List<TrustedKey> keys) {
    List<String> names = new ArrayList<>();
    for (TrustedKey key : keys) {
      names.add(key.name() + " sha256:" + key.hint());
    }
    return String.join(", ", names);
  }
}
