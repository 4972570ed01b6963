package dev.custody.evidence;

import dev.custody.model.Digest;
import java.util.Optional;

/**
 * A dataset or base model an attestation names.
 *
 * @param name what the attestation calls it
 * @param uri where it lives (empty when the attestation gives none)
 * @param digest its digest, when the attestation gives one
 */
public record ArtifactEvidence(String name, String uri, Optional<Digest> digest) {
  /** Checks the texts. */
  public ArtifactEvidence {
    Texts.requireText("an artifact's name", name);
    Texts.requireBounded("an artifact's uri", uri);
  }
}
