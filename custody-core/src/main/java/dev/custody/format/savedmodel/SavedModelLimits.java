package dev.custody.format.savedmodel;

/**
 * How much of a SavedModel {@link SavedModelReader} reads before it stops with a limit failure.
 *
 * @param maxDepth deepest nesting of messages (protobuf's own default limit is 100)
 * @param maxFields most protobuf fields read over the whole file (tensor data counts as one)
 * @param maxNodes most operations collected over every graph and function
 * @param maxStringBytes longest name, operation or string value kept; longer ones are cut
 * @param maxStringsPerNode most inputs, string attribute values and function names kept per
 *     operation; the rest are counted, not kept
 */
public record SavedModelLimits(
    int maxDepth, long maxFields, int maxNodes, int maxStringBytes, int maxStringsPerNode) {
  /** Enough for large exported models (hundreds of thousands of operations). */
  public static final SavedModelLimits DEFAULT =
      new SavedModelLimits(64, 50_000_000, 2_000_000, 4_096, 256);

  /** Checks every limit is positive. */
  public SavedModelLimits {
    if (maxDepth < 1
        || maxFields < 1
        || maxNodes < 1
        || maxStringBytes < 1
        || maxStringsPerNode < 1) {
      throw new IllegalArgumentException("SavedModel limits must be positive");
    }
  }
}
