package dev.custody.gather;

import dev.custody.evidence.BomEvidence;
import dev.custody.model.Digest;
import java.nio.file.Path;

/** Where the bill-of-materials facts about a model come from. */
@FunctionalInterface
public interface BomSource {
  /** No bill of materials. */
  BomSource NONE = (model, rootDigest) -> BomEvidence.absent();

  /** The facts about {@code model}, whose root digest is {@code rootDigest}. */
  BomEvidence bom(Path model, Digest rootDigest);
}
