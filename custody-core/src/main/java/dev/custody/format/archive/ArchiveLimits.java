package dev.custody.format.archive;

/**
 * How much work the archive readers do before they stop. Every limit is checked before the memory
 * is spent.
 *
 * @param maxStreamBytes most bytes one decompressed stream or archive member may expand to
 * @param maxTotalBytes most decompressed bytes for one scanned file, over every nested stream
 * @param maxRatio largest decompressed-to-compressed ratio tolerated once a stream has expanded
 *     past {@code ratioFloorBytes}; more is a decompression bomb
 * @param ratioFloorBytes output size below which the ratio is not checked (small, very compressible
 *     files are normal)
 * @param maxEntries most members read from one archive
 * @param maxNameLength longest member or link name, in bytes
 * @param maxDepth deepest nesting of archives and compressed streams inside one file
 */
public record ArchiveLimits(
    long maxStreamBytes,
    long maxTotalBytes,
    int maxRatio,
    long ratioFloorBytes,
    int maxEntries,
    int maxNameLength,
    int maxDepth) {

  /** Largest buffer a stream may fill. */
  public static final long MAX_BUFFER = Integer.MAX_VALUE - 8;

  /**
   * Defaults for model files: 1 GiB per stream or a quarter of the JVM's heap, whichever is less (a
   * stream is expanded on the heap, and a larger one would end the process instead of the scan of
   * one file), 4 GiB per file, ratio 200 past 64 MiB, 100 000 entries, names up to 4 KiB, 8 levels
   * of nesting.
   */
  public static final ArchiveLimits DEFAULT =
      new ArchiveLimits(
          Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4),
          4L << 30,
          200,
          64L << 20,
          100_000,
          4096,
          8);

  /** Checks every limit is positive and a stream fits one buffer. */
  public ArchiveLimits {
    if (maxStreamBytes <= 0
        || maxTotalBytes <= 0
        || maxRatio <= 0
        || ratioFloorBytes < 0
        || maxEntries <= 0
        || maxNameLength <= 0
        || maxDepth <= 0) {
      throw new IllegalArgumentException(
          "archive limits must be positive (ratioFloorBytes may be 0), got "
              + maxStreamBytes
              + ", "
              + maxTotalBytes
              + ", "
              + maxRatio
              + ", "
              + ratioFloorBytes
              + ", "
              + maxEntries
              + ", "
              + maxNameLength
              + ", "
              + maxDepth);
    }
    if (maxStreamBytes > MAX_BUFFER) {
      throw new IllegalArgumentException(
          "maxStreamBytes is at most " + MAX_BUFFER + " (one buffer), got " + maxStreamBytes);
    }
  }
}
