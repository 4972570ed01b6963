package dev.custody.format.requirements;

/**
 * Bounds on a requirements file.
 *
 * @param maxBytes the largest file
 * @param maxLines the most physical lines
 * @param maxLineLength the longest logical line (after joining continuations), in characters
 * @param maxPackages the most requirements
 */
public record RequirementsLimits(int maxBytes, int maxLines, int maxLineLength, int maxPackages) {
  /** The limits {@code custody bom} uses: far above any real environment's freeze. */
  public static final RequirementsLimits DEFAULT =
      new RequirementsLimits(2 << 20, 50_000, 16_384, 10_000);

  /** Checks that every limit is positive. */
  public RequirementsLimits {
    if (maxBytes < 1 || maxLines < 1 || maxLineLength < 1 || maxPackages < 1) {
      throw new IllegalArgumentException("requirements limits must be positive");
    }
  }
}
