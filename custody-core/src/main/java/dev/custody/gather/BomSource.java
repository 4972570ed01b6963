package dev.custody.gather;

import dev.custody.evidence.BomEvidence;
import dev.custody.model.Digest;
import java.nio.file.Path;

/** Where the bill-of-materials facts about a model come from. */
@FunctionalInterface
public interface BomSource {
  /** No bill of materials. */
  BomSource NONE = (model, rootDigest) -> BomEvidence.absent();

  /**
   * The facts about {@code model}, whose root digest is {@code rootDigest}.
   *
   * @throws GatherException if a source of facts exists but cannot be read or is refused
   */
  BomEvidence bom(Path model, Digest rootDigest) throws GatherException;
}
