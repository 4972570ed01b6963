package dev.custody.policy;

/** Where a trust entry's PEM text comes from: the policy itself, or a file beside it. */
public sealed interface PemSource permits PemSource.Inline, PemSource.File {
  /**
   * PEM text written in the policy (a YAML block scalar).
   *
   * @param pem the PEM text
   */
  record Inline(String pem) implements PemSource {}

  /**
   * A PEM file, relative to the policy file's folder (or absolute).
   *
   * @param path the path as written
   */
  record File(String path) implements PemSource {}

  /** PEM text when it starts with {@code -----BEGIN}, otherwise a file path. */
  static PemSource of(String text) {
    return text.strip().startsWith("-----BEGIN") ? new Inline(text) : new File(text.strip());
  }
}
