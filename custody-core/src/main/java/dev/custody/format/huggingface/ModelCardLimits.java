package dev.custody.format.huggingface;

/**
 * Bounds on a model card, so a hostile card costs at most this much.
 *
 * @param maxBytes the largest card (the whole README); real cards are a few KiB to a few hundred
 * @param maxFrontMatterBytes the largest YAML front matter
 * @param maxDepth the deepest nesting of YAML collections
 * @param maxNodes the most YAML nodes visited, counting each visit through an alias
 * @param maxAliases the most aliases to collections (the billion-laughs bound)
 * @param maxItems the most items kept in one list (datasets, languages, metrics...)
 * @param maxStringLength the longest kept string, in code points
 */
public record ModelCardLimits(
    int maxBytes,
    int maxFrontMatterBytes,
    int maxDepth,
    int maxNodes,
    int maxAliases,
    int maxItems,
    int maxStringLength) {
  /** The limits {@code custody bom} uses. */
  public static final ModelCardLimits DEFAULT =
      new ModelCardLimits(4 << 20, 256 << 10, 32, 20_000, 16, 1_000, 1_024);

  /** Checks that every limit is positive and the front matter fits in the card. */
  public ModelCardLimits {
    if (maxBytes < 1
        || maxFrontMatterBytes < 1
        || maxDepth < 1
        || maxNodes < 1
        || maxAliases < 0
        || maxItems < 1
        || maxStringLength < 1) {
      throw new IllegalArgumentException("model card limits must be positive");
    }
  }
}
