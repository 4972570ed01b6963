package dev.custody.sign;

import dev.custody.format.oms.PredicateType;
import dev.custody.model.Digest;
import dev.custody.model.Manifest;
import java.util.List;

/**
 * A model whose signature verified: who signed, against which trust entry, and what.
 *
 * @param signer who signed
 * @param trustEntry the name of the trusted key, root or identity that vouched for the signer
 * @param manifest the signed manifest, which the model on disk matched
 * @param rootDigest the model's root digest (the signature's subject)
 * @param predicateType the OMS format version of the signature
 * @param warnings things worth knowing that did not fail verification, in plain words
 */
public record VerifiedModel(
    Signer signer,
    String trustEntry,
    Manifest manifest,
    Digest rootDigest,
    PredicateType predicateType,
    List<String> warnings) {
  /** Copies the warnings. */
  public VerifiedModel {
    warnings = List.copyOf(warnings);
  }
}
