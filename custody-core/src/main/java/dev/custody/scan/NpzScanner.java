package dev.custody.scan;

import dev.custody.format.numpy.NpyReader;
import dev.custody.format.zip.ZipArchive;
import dev.custody.format.zip.ZipEntry;
import dev.custody.format.zip.ZipLimits;
import java.nio.ByteBuffer;

/**
 * Scans a numpy {@code .npz} archive as {@code np.load} reads it: a zip whose members that start
 * with the {@code .npy} magic are arrays (scanned with {@link NpyScanner}); other members come back
 * as raw bytes from numpy and go to the {@link NestedScanner}. Zip tricks are ZIP-* findings.
 * Thread-safe.
 */
public final class NpzScanner {
  private final ZipLimits limits;

  private NpzScanner(ZipLimits limits) {
    this.limits = limits;
  }

  /** A scanner with {@link ZipLimits#DEFAULT}. */
  public static NpzScanner standard() {
    return new NpzScanner(ZipLimits.DEFAULT);
  }

  /** A scanner with other limits. */
  public static NpzScanner withLimits(ZipLimits limits) {
    return new NpzScanner(limits);
  }

  /** True when the archive has members and every file member is named {@code *.npy}. */
  static boolean isNpz(ZipArchive archive) {
    boolean any = false;
    for (ZipEntry entry : archive.entries()) {
      if (!entry.directory()) {
        if (!entry.name().endsWith(".npy")) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  /** Scans the archive in {@code data} (position to limit). */
  public ScanResult scan(ByteBuffer data, NestedScanner nested) {
    return ContainerScan.ofZip(data, limits, archive -> scan(archive, nested));
  }

  /** Scans an archive already read. */
  static ScanResult scan(ZipArchive archive, NestedScanner nested) {
    ContainerScan scan = new ContainerScan();
    scan.anomalies(archive);
    for (ZipEntry entry : archive.entries()) {
      if (entry.directory() || entry.symlink()) {
        continue;
      }
      ByteBuffer bytes = scan.open(archive, entry);
      if (bytes == null) {
        continue;
      }
      ScanResult member =
          NpyReader.startsLikeNpy(bytes)
              ? NpyScanner.standard().scan(bytes)
              : nested.scan(bytes, entry.name());
      scan.add(member.inside(ZipScanner.memberName(entry)));
    }
    return scan.result();
  }
}
