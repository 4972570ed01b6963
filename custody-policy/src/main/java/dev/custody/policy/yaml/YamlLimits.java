package dev.custody.policy.yaml;

/**
 * Bounds on a YAML document, checked while it is read.
 *
 * @param maxBytes the largest document
 * @param maxDepth the deepest nesting of mappings and lists
 * @param maxNodes the most nodes (mappings, lists, scalars) in the document
 */
public record YamlLimits(int maxBytes, int maxDepth, int maxNodes) {
  /** Checks every limit is positive. */
  public YamlLimits {
    if (maxBytes < 1 || maxDepth < 1 || maxNodes < 1) {
      throw new IllegalArgumentException("YAML limits must be positive");
    }
  }
}
