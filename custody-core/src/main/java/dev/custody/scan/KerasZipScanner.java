package dev.custody.scan;

import dev.custody.format.zip.ZipArchive;
import dev.custody.format.zip.ZipEntry;
import dev.custody.format.zip.ZipLimits;
import java.nio.ByteBuffer;

/**
 * Scans a Keras 3 {@code .keras} archive as {@code keras.saving.load_model} reads it: every {@code
 * config.json} member (duplicates included; Python's zipfile reads the last) is judged as a Keras
 * config ({@link KerasConfig}); every other member ({@code model.weights.h5}, {@code .npz}, assets,
 * anything else) goes to the {@link NestedScanner}; zip tricks are ZIP-* findings. {@code
 * metadata.json} is scanned like any member but never trusted: Keras does not read it. Thread-safe.
 */
public final class KerasZipScanner {
  static final String CONFIG = "config.json";

  private final ZipLimits limits;

  private KerasZipScanner(ZipLimits limits) {
    this.limits = limits;
  }

  /** A scanner with {@link ZipLimits#DEFAULT}. */
  public static KerasZipScanner standard() {
    return new KerasZipScanner(ZipLimits.DEFAULT);
  }

  /** A scanner with other limits. */
  public static KerasZipScanner withLimits(ZipLimits limits) {
    return new KerasZipScanner(limits);
  }

  /** True when the archive has a {@code config.json} at its root, which is all Keras needs. */
  static boolean isKerasArchive(ZipArchive archive) {
    for (ZipEntry entry : archive.entries()) {
      if (entry.name().equals(CONFIG)) {
        return true;
      }
    }
    return false;
  }

  /** Scans the archive in {@code data} (position to limit). */
  public ScanResult scan(ByteBuffer data, NestedScanner nested) {
    return ContainerScan.ofZip(data, limits, archive -> scan(archive, nested));
  }

  /** Scans an archive already read: every {@code config.json} judged, other members nested. */
  static ScanResult scan(ZipArchive archive, NestedScanner nested) {
    ContainerScan scan = new ContainerScan();
    scan.anomalies(archive);
    for (ZipEntry entry : archive.entries()) {
      if (entry.directory() || entry.symlink()) {
        continue;
      }
      if (entry.name().equals(CONFIG)) {
        ByteBuffer bytes = scan.open(archive, entry);
        if (bytes != null) {
          scan.add(KerasConfig.scan(bytes, nested).inside(ZipScanner.memberName(entry)));
        }
      } else {
        ZipScanner.scanMember(scan, archive, entry, nested);
      }
    }
    return scan.result();
  }
}
