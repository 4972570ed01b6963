package dev.custody.format.hdf5;

import java.time.Duration;

/**
 * How much of an HDF5 file {@link Hdf5Reader} reads before it stops with {@link
 * MalformedHdf5Exception.Reason#LIMIT_EXCEEDED}. Every structure jhdf parses (superblock, object
 * headers, continuation blocks, heaps, B-tree nodes) is one read, so these bound the work a crafted
 * file (a cycle of continuation blocks, a B-tree that points at itself) can cause.
 *
 * @param maxReads most structure reads
 * @param maxBytesRead most bytes handed to jhdf over all reads (views of the file, not copies)
 * @param maxAttributes most root attributes
 * @param maxTextElements most strings in one text attribute that is decoded
 * @param maxTime longest wall-clock time for one file
 * @param maxObjects most groups, datasets and object-array rows in a walk of the whole file
 * @param maxDepth most groups from the root to an object
 */
public record Hdf5Limits(
    int maxReads,
    long maxBytesRead,
    int maxAttributes,
    int maxTextElements,
    Duration maxTime,
    int maxObjects,
    int maxDepth) {

  /** Keras files need a few dozen reads; this leaves ample room. */
  public static final Hdf5Limits DEFAULT =
      new Hdf5Limits(100_000, 256L << 20, 10_000, 64, Duration.ofSeconds(10), 20_000, 64);

  /** Limits with 10,000 objects and 64 levels for a walk. */
  public Hdf5Limits(
      int maxReads, long maxBytesRead, int maxAttributes, int maxTextElements, Duration maxTime) {
    this(maxReads, maxBytesRead, maxAttributes, maxTextElements, maxTime, 10_000, 64);
  }

  /** Checks every limit is positive. */
  public Hdf5Limits {
    if (maxReads < 1
        || maxBytesRead < 1
        || maxAttributes < 1
        || maxTextElements < 1
        || maxObjects < 1
        || maxDepth < 1
        || maxTime.isNegative()
        || maxTime.isZero()) {
      throw new IllegalArgumentException("HDF5 limits must be positive");
    }
  }
}
