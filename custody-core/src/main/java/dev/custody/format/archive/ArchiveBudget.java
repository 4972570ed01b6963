package dev.custody.format.archive;

/**
 * What one scanned file may still spend: decompressed bytes over all its nested streams, and
 * nesting depth. One budget per top-level file, shared by every container reader that works on it
 * (a tar inside a gzip inside a zstd stream draws on the same budget). Not thread-safe: a file is
 * scanned by one thread.
 */
public final class ArchiveBudget {
  private final ArchiveLimits limits;
  private long spent;
  private int depth;

  /** A fresh budget for one file. */
  public ArchiveBudget(ArchiveLimits limits) {
    this.limits = limits;
  }

  /** The limits this budget enforces. */
  public ArchiveLimits limits() {
    return limits;
  }

  /** Decompressed bytes spent so far. */
  public long spent() {
    return spent;
  }

  /** Decompressed bytes still allowed. */
  public long remaining() {
    return Math.max(0, limits.maxTotalBytes() - spent);
  }

  void spend(long bytes) {
    spent += bytes;
  }

  /** Containers open right now. */
  public int depth() {
    return depth;
  }

  /**
   * Opens one more container level.
   *
   * @return false, with nothing changed, when that would pass {@link ArchiveLimits#maxDepth()}
   */
  public boolean enter() {
    if (depth >= limits.maxDepth()) {
      return false;
    }
    depth++;
    return true;
  }

  /** Closes the level opened by the last successful {@link #enter()}. */
  public void exit() {
    if (depth == 0) {
      throw new IllegalStateException("exit() without a matching enter()");
    }
    depth--;
  }
}
