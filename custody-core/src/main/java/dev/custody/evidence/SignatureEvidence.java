package dev.custody.evidence;

import dev.custody.model.Digest;
import java.util.List;

/**
 * One signature found for the model, and what verifying it against the policy's trust gave: either
 * who signed and which trust entry vouched, or why it failed.
 */
public sealed interface SignatureEvidence
    permits SignatureEvidence.Verified, SignatureEvidence.Failed {

  /** Where the signature came from: its file name (model-relative when inside the model). */
  String source();

  /**
   * A signature that verified: made by a trusted signer, over exactly this model.
   *
   * @param source where the signature came from
   * @param method key, certificate or keyless
   * @param signer one line for people, e.g. {@code key P-256 sha256:ab12...}
   * @param identity the signer's identity: the key hint, the certificate's first subject
   *     alternative name (or its subject), or the keyless identity
   * @param issuer who vouched for the identity: the certificate issuer or OIDC issuer; empty for a
   *     key
   * @param trustEntry the name of the policy's trust entry that matched
   * @param rootDigest the signed root digest (equal to the model's)
   * @param warnings what did not fail verification but is worth knowing
   */
  record Verified(
      String source,
      SignatureMethod method,
      String signer,
      String identity,
      String issuer,
      String trustEntry,
      Digest rootDigest,
      List<String> warnings)
      implements SignatureEvidence {
    /** Checks the texts and copies the warnings. */
    public Verified {
      Texts.requireText("a signature's source", source);
      Texts.requireText("a signer", signer);
      Texts.requireText("a signer identity", identity);
      Texts.requireBounded("a signer's issuer", issuer);
      Texts.requireText("a trust entry", trustEntry);
      warnings = List.copyOf(warnings);
      warnings.forEach(w -> Texts.requireBounded("a warning", w));
    }
  }

  /**
   * A signature that did not verify.
   *
   * @param source where the signature came from
   * @param reason a stable token, e.g. {@code untrusted-signer}, {@code model-mismatch}, {@code
   *     signature-unreadable} (docs/evidence.md lists them)
   * @param message what failed, for people
   */
  record Failed(String source, String reason, String message) implements SignatureEvidence {
    /** Checks the texts. */
    public Failed {
      Texts.requireText("a signature's source", source);
      Texts.requireToken("a failure reason", reason);
      Texts.requireText("a failure message", message);
    }
  }
}
