package dev.custody.digest;

/** What the digest engine does with a symbolic link inside a model. */
public enum SymlinkPolicy {
  /**
   * Fail on any symlink (the default, as in the reference implementation): a signature should vouch
   * for bytes that live in the model, not for wherever a link happens to point.
   */
  REFUSE,
  /**
   * Hash a link to a regular file as that file's content, under the link's name, when the target
   * lies inside the model folder. Links that leave the folder, dangle, or point at folders fail.
   */
  FOLLOW_INSIDE_MODEL,
  /**
   * Like {@link #FOLLOW_INSIDE_MODEL}, but also follow links whose target is outside the model
   * folder. Insecure: the manifest then covers files the model's owner may not control.
   */
  INSECURE_FOLLOW_ANYWHERE;

  /** Whether the manifest records {@code allow_symlinks: true}. */
  boolean allowsSymlinks() {
    return this != REFUSE;
  }
}
