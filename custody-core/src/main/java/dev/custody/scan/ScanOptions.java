package dev.custody.scan;

/**
 * Limits and parallelism of a {@link Scanner}.
 *
 * @param maxFileBytes larger files are not read (reported incomplete); at most {@link
 *     #MAX_MAPPABLE} (one memory map)
 * @param maxNestingDepth how many levels of content inside content (archive members, decompressed
 *     streams) are followed
 * @param maxNestedBytes how many bytes of nested content, in total, one file may hand to nested
 *     scans (the decompression-bomb budget)
 * @param threads how many files are scanned at once, from 1
 */
public record ScanOptions(
    long maxFileBytes, int maxNestingDepth, long maxNestedBytes, int threads) {
  /** The largest file one {@link java.nio.ByteBuffer} can map. */
  public static final long MAX_MAPPABLE = Integer.MAX_VALUE - 8;

  /** Checks the limits. */
  public ScanOptions {
    if (maxFileBytes < 0 || maxFileBytes > MAX_MAPPABLE) {
      throw new IllegalArgumentException(
          "maxFileBytes must be from 0 to " + MAX_MAPPABLE + ", got " + maxFileBytes);
    }
    if (maxNestingDepth < 0 || maxNestedBytes < 0) {
      throw new IllegalArgumentException("nesting limits are never negative");
    }
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("threads must be from 1 to 1024, got " + threads);
    }
  }

  /**
   * Files up to 2 GiB, 8 levels of nesting, 4 GiB of nested content per file, one thread a core.
   */
  public static ScanOptions defaults() {
    return new ScanOptions(
        MAX_MAPPABLE, 8, 4L << 30, Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  /** These options with {@code threads} threads. */
  public ScanOptions withThreads(int threads) {
    return new ScanOptions(maxFileBytes, maxNestingDepth, maxNestedBytes, threads);
  }

  /** These options with other nesting limits. */
  public ScanOptions withNesting(int maxNestingDepth, long maxNestedBytes) {
    return new ScanOptions(maxFileBytes, maxNestingDepth, maxNestedBytes, threads);
  }

  /** These options with another file size limit. */
  public ScanOptions withMaxFileBytes(long maxFileBytes) {
    return new ScanOptions(maxFileBytes, maxNestingDepth, maxNestedBytes, threads);
  }
}
