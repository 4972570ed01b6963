package dev.custody.format.pickle;

/**
 * How much work {@link PickleReader} does before it stops with {@link
 * MalformedPickleException.Reason#LIMIT_EXCEEDED}. Every limit is checked before memory is spent,
 * so hostile input costs at most these amounts. The defaults read the pickles of real checkpoints
 * (a {@code data.pkl} of a large model has a few hundred thousand opcodes) with room to spare.
 *
 * @param maxBytes longest input read, in bytes
 * @param maxOpcodes opcodes run, over all stacked pickles
 * @param maxStackDepth objects plus marks on the stack at once
 * @param maxMemoEntries memo slots in use at once
 * @param maxLineLength longest text argument (protocol 0 lines such as GLOBAL or STRING), in bytes
 * @param maxRetainedLiteral longest str or bytes literal whose content is kept; longer literals are
 *     kept as their length only (not an error: array data is often large)
 * @param maxNesting deepest nesting of containers, calls and computed names
 * @param maxPickles pickles read one after another from one input
 * @param maxKeptBytes heap the reader may keep for the values a pickle builds, estimated as they
 *     are kept: container items, call and import records, and str literals (bytes literals are
 *     views of the input and cost none of their length). Python holds the whole object graph too;
 *     this bound keeps a pickle of millions of numbers from exhausting the scanner's heap.
 */
public record Limits(
    long maxBytes,
    long maxOpcodes,
    int maxStackDepth,
    int maxMemoEntries,
    int maxLineLength,
    int maxRetainedLiteral,
    int maxNesting,
    int maxPickles,
    long maxKeptBytes) {

  /**
   * Sane defaults for model files. 48 MiB of kept values is about a million container items: a
   * checkpoint's {@code data.pkl} keeps a few megabytes.
   */
  public static final Limits DEFAULT =
      new Limits(
          1L << 30, 20_000_000, 1_000_000, 4_000_000, 1 << 20, 1 << 24, 1_000, 1_000, 48L << 20);

  /** Checks that every limit is positive and the byte limit fits a buffer. */
  public Limits {
    requirePositive("maxBytes", maxBytes);
    requirePositive("maxOpcodes", maxOpcodes);
    requirePositive("maxStackDepth", maxStackDepth);
    requirePositive("maxMemoEntries", maxMemoEntries);
    requirePositive("maxLineLength", maxLineLength);
    requirePositive("maxRetainedLiteral", maxRetainedLiteral);
    requirePositive("maxNesting", maxNesting);
    requirePositive("maxPickles", maxPickles);
    requirePositive("maxKeptBytes", maxKeptBytes);
    if (maxBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "maxBytes is at most " + (Integer.MAX_VALUE - 8) + " (one buffer), got " + maxBytes);
    }
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  /** These limits with {@code maxOpcodes} replaced. */
  public Limits withMaxOpcodes(long value) {
    return new Limits(
        maxBytes,
        value,
        maxStackDepth,
        maxMemoEntries,
        maxLineLength,
        maxRetainedLiteral,
        maxNesting,
        maxPickles,
        maxKeptBytes);
  }

  /** These limits with {@code maxRetainedLiteral} replaced. */
  public Limits withMaxRetainedLiteral(int value) {
    return new Limits(
        maxBytes,
        maxOpcodes,
        maxStackDepth,
        maxMemoEntries,
        maxLineLength,
        value,
        maxNesting,
        maxPickles,
        maxKeptBytes);
  }

  /** These limits with {@code maxPickles} replaced ({@code pickle.load} reads exactly one). */
  public Limits withMaxPickles(int value) {
    return new Limits(
        maxBytes,
        maxOpcodes,
        maxStackDepth,
        maxMemoEntries,
        maxLineLength,
        maxRetainedLiteral,
        maxNesting,
        value,
        maxKeptBytes);
  }

  /** These limits with {@code maxKeptBytes} replaced. */
  public Limits withMaxKeptBytes(long value) {
    return new Limits(
        maxBytes,
        maxOpcodes,
        maxStackDepth,
        maxMemoEntries,
        maxLineLength,
        maxRetainedLiteral,
        maxNesting,
        maxPickles,
        value);
  }
}
