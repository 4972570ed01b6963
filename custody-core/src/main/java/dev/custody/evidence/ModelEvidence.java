package dev.custody.evidence;

import dev.custody.model.Digest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the model is: the OMS root digest is its identity everywhere in custody.
 *
 * @param name the model's folder or file name (informative, never trusted)
 * @param rootDigest the OMS root digest over every file's digest
 * @param files every hashed file (or shard), in manifest order
 */
public record ModelEvidence(String name, Digest rootDigest, List<ModelFileEvidence> files) {
  /** Copies the files and refuses a name listed twice. */
  public ModelEvidence {
    files = List.copyOf(files);
    Set<String> seen = new HashSet<>();
    for (ModelFileEvidence file : files) {
      if (!seen.add(file.path())) {
        throw new IllegalArgumentException(
            "file " + dev.custody.internal.Untrusted.quote(file.path()) + " is listed twice");
      }
    }
  }
}
