package dev.custody.model;

/**
 * The byte range {@code [start, end)} of one shard of a file.
 *
 * @param start first byte, inclusive
 * @param end last byte, exclusive
 */
public record ShardRange(long start, long end) implements Comparable<ShardRange> {
  /** Checks {@code 0 <= start < end}. */
  public ShardRange {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException(
          "not a shard: [" + start + ", " + end + ") (expected 0 <= start < end)");
    }
  }

  /** Number of bytes in the shard. */
  public long length() {
    return end - start;
  }

  /** Orders by start, then end, numerically (so {@code 16:32} comes before {@code 112:128}). */
  @Override
  public int compareTo(ShardRange other) {
    int byStart = Long.compare(start, other.start);
    return byStart != 0 ? byStart : Long.compare(end, other.end);
  }
}
