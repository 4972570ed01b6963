package dev.custody.format.gguf;

/**
 * How much of a GGUF file {@link GgufReader} reads before it stops with {@link
 * MalformedGgufException.Reason#LIMIT_EXCEEDED}. Counts are checked before anything is allocated.
 *
 * @param maxKeyValues most metadata key/value pairs
 * @param maxTensors most tensor descriptions
 * @param maxStringBytes longest string (the reference reader allows 2^30 bytes)
 * @param maxArrayElements most elements of one array (the reference reader allows 2^30)
 * @param maxNesting deepest nesting of arrays in arrays (the reference reader allows none)
 * @param maxRetainedString longest string whose text is kept (longer ones keep their length only)
 * @param maxRetainedElements array elements whose values are kept (the rest are checked and
 *     skipped)
 */
public record GgufLimits(
    long maxKeyValues,
    long maxTensors,
    long maxStringBytes,
    long maxArrayElements,
    int maxNesting,
    int maxRetainedString,
    int maxRetainedElements) {

  /** Room for real models: tens of thousands of tensors, vocabularies of millions of tokens. */
  public static final GgufLimits DEFAULT =
      new GgufLimits(100_000, 1_000_000, 1L << 30, 1L << 30, 8, 4 << 20, 64);

  /** Checks every limit is positive. */
  public GgufLimits {
    if (maxKeyValues < 1
        || maxTensors < 1
        || maxStringBytes < 1
        || maxArrayElements < 1
        || maxNesting < 1
        || maxRetainedString < 1
        || maxRetainedElements < 1) {
      throw new IllegalArgumentException("GGUF limits must be positive");
    }
  }
}
