package dev.custody.lineage;

/**
 * How far a walk goes before it stops with {@link Link.LimitReached}.
 *
 * @param maxArtifacts most artifacts visited, both ways together
 * @param maxDepth most links from the start
 */
public record LineageLimits(int maxArtifacts, int maxDepth) {
  /** Ample for real model families: 2,000 artifacts, 64 generations. */
  public static final LineageLimits DEFAULT = new LineageLimits(2_000, 64);

  /** Checks both are positive. */
  public LineageLimits {
    if (maxArtifacts < 1 || maxDepth < 1) {
      throw new IllegalArgumentException("lineage limits must be positive");
    }
  }
}
