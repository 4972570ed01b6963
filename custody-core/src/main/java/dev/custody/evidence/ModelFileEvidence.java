package dev.custody.evidence;

import dev.custody.model.Digest;

/**
 * One hashed file (or shard) of a model.
 *
 * @param path the model-relative path with {@code /} separators (a shard adds its byte range)
 * @param digest its content digest
 */
public record ModelFileEvidence(String path, Digest digest) {
  /** Refuses an empty path. */
  public ModelFileEvidence {
    Texts.requireText("a model file's path", path);
  }
}
