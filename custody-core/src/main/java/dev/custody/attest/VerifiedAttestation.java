package dev.custody.attest;

import dev.custody.model.Digest;
import dev.custody.provenance.Provenance;
import dev.custody.sign.Signer;
import java.util.List;

/**
 * A provenance attestation whose signature verified against the trust policy, and (when a model was
 * given) whose subject is that model.
 *
 * @param signer who signed
 * @param trustEntry the name of the trusted key, root or identity that vouched for the signer
 * @param provenance what the signer attests
 * @param attestationDigest the SHA-256 of the attestation file
 * @param warnings things worth knowing that did not fail verification
 */
public record VerifiedAttestation(
    Signer signer,
    String trustEntry,
    Provenance provenance,
    Digest attestationDigest,
    List<String> warnings) {
  /** Copies the warnings. */
  public VerifiedAttestation {
    warnings = List.copyOf(warnings);
  }

  /** The attested model's root digest. */
  public Digest subjectDigest() {
    return provenance.subject().digest();
  }
}
