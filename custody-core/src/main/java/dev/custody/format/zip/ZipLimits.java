package dev.custody.format.zip;

/**
 * How much work reading one archive may cost. Entries past {@code maxEntries} are not read (the
 * archive is then incomplete); inflating stops at the per-member and per-archive budgets and when a
 * member's output outgrows its compressed size by more than {@code maxRatio}.
 *
 * @param maxEntries central-directory entries read
 * @param maxMemberBytes largest inflated member, in bytes (at most one Java array)
 * @param maxTotalBytes bytes inflated over the whole archive
 * @param maxRatio largest output/input ratio of a deflated member, checked once its output passes
 *     {@code ratioFloorBytes}
 * @param ratioFloorBytes output size below which the ratio is not checked (small zero runs are
 *     legitimately tiny when compressed)
 */
public record ZipLimits(
    int maxEntries, int maxMemberBytes, long maxTotalBytes, int maxRatio, int ratioFloorBytes) {

  /** Defaults for model archives: 65 536 entries, 512 MiB a member, 4 GiB in all, 1000:1. */
  public static final ZipLimits DEFAULT =
      new ZipLimits(65_536, 512 << 20, 4L << 30, 1_000, 1 << 20);

  /** Checks that every limit is positive. */
  public ZipLimits {
    if (maxEntries <= 0
        || maxMemberBytes <= 0
        || maxTotalBytes <= 0
        || maxRatio <= 0
        || ratioFloorBytes <= 0) {
      throw new IllegalArgumentException(
          "every zip limit must be positive, got maxEntries="
              + maxEntries
              + " maxMemberBytes="
              + maxMemberBytes
              + " maxTotalBytes="
              + maxTotalBytes
              + " maxRatio="
              + maxRatio
              + " ratioFloorBytes="
              + ratioFloorBytes);
    }
    if (maxMemberBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "maxMemberBytes is at most " + (Integer.MAX_VALUE - 8) + " (one array)");
    }
  }
}
