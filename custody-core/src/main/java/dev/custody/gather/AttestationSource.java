package dev.custody.gather;

import dev.custody.evidence.AttestationEvidence;
import dev.custody.model.Digest;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the attestations about a model come from (attestation files checked by the attestation
 * verifier, a registry). A source never throws for a bad attestation: it reports it as {@link
 * AttestationEvidence.Failed}, so that a policy sees it and decides.
 */
@FunctionalInterface
public interface AttestationSource {
  /** No attestations. */
  AttestationSource NONE = (model, rootDigest) -> List.of();

  /** The attestations about {@code model}, whose root digest is {@code rootDigest}. */
  List<AttestationEvidence> attestations(Path model, Digest rootDigest);
}
