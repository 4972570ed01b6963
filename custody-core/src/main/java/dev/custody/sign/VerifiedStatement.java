package dev.custody.sign;

import dev.custody.format.oms.SignedStatement;
import java.util.List;

/**
 * A signature that verified against the trust policy, before the model itself was compared.
 *
 * @param signer who signed
 * @param trustEntry the name of the trust entry that vouched for the signer
 * @param statement what was signed
 * @param warnings things worth knowing that did not fail verification
 */
public record VerifiedStatement(
    Signer signer, String trustEntry, SignedStatement statement, List<String> warnings) {
  /** Copies the warnings. */
  public VerifiedStatement {
    warnings = List.copyOf(warnings);
  }
}
