package dev.custody.scan;

/**
 * Limits and parallelism of a {@link Scanner}.
 *
 * @param maxFileBytes larger files are not read (reported incomplete). Files up to {@link
 *     #MAX_MAPPABLE} are scanned by every format scanner; larger ones by the {@link
 *     RandomAccessScanner}s, which read only an index and the records it points at
 * @param maxNestingDepth how many levels of content inside content (archive members, decompressed
 *     streams) are followed
 * @param maxNestedBytes how many bytes of nested content, in total, one file may hand to nested
 *     scans (the decompression-bomb budget)
 * @param threads how many files are scanned at once, from 1
 */
public record ScanOptions(
    long maxFileBytes, int maxNestingDepth, long maxNestedBytes, int threads) {
  /**
   * The largest file one {@link java.nio.ByteBuffer} can map: the most a format scanner that is not
   * a {@link RandomAccessScanner} reads.
   */
  public static final long MAX_MAPPABLE = Integer.MAX_VALUE - 8;

  /** Checks the limits. */
  public ScanOptions {
    if (maxFileBytes < 0) {
      throw new IllegalArgumentException("maxFileBytes is never negative, got " + maxFileBytes);
    }
    if (maxNestingDepth < 0 || maxNestedBytes < 0) {
      throw new IllegalArgumentException("nesting limits are never negative");
    }
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("threads must be from 1 to 1024, got " + threads);
    }
  }

  /**
   * Files of any size, 8 levels of nesting, 4 GiB of nested content per file, one thread a core.
   */
  public static ScanOptions defaults() {
    return new ScanOptions(
        Long.MAX_VALUE, 8, 4L << 30, Math.max(1, Runtime.getRuntime().availableProcessors()));
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
