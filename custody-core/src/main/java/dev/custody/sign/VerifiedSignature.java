package dev.custody.sign;

import java.util.List;

/**
 * A bundle whose envelope signature verified against the trust policy, whatever statement it
 * carries: who signed, and which trust entry vouched for them.
 *
 * @param signer who signed
 * @param trustEntry the name of the trusted key, root or identity that vouched for the signer
 * @param warnings things worth knowing that did not fail verification
 */
public record VerifiedSignature(Signer signer, String trustEntry, List<String> warnings) {
  /** Copies the warnings. */
  public VerifiedSignature {
    warnings = List.copyOf(warnings);
  }
}
