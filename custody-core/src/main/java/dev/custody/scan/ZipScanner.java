package dev.custody.scan;

import dev.custody.format.ModelSource;
import dev.custody.format.zip.MalformedZipException;
import dev.custody.format.zip.ZipArchive;
import dev.custody.format.zip.ZipEntry;
import dev.custody.format.zip.ZipLimits;
import dev.custody.format.zip.ZipReader;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;

/**
 * Scans a generic zip archive: every anomaly the central-directory reader finds (docs/rules.md,
 * ZIP-*), then every member, including duplicates and members only local headers show, handed to
 * the {@link NestedScanner} under its name. {@link #scanAny} picks the PyTorch or numpy reading
 * when the members say the archive is one. Thread-safe.
 */
public final class ZipScanner {
  private final ZipLimits limits;

  private ZipScanner(ZipLimits limits) {
    this.limits = limits;
  }

  /** A scanner with {@link ZipLimits#DEFAULT}. */
  public static ZipScanner standard() {
    return new ZipScanner(ZipLimits.DEFAULT);
  }

  /** A scanner with other limits. */
  public static ZipScanner withLimits(ZipLimits limits) {
    return new ZipScanner(limits);
  }

  /** Scans the archive in {@code data} (position to limit) as a plain zip. */
  public ScanResult scan(ByteBuffer data, NestedScanner nested) {
    return ContainerScan.ofZip(data, limits, archive -> scan(archive, nested));
  }

  /** Scans an archive already read, as a plain zip. */
  static ScanResult scan(ZipArchive archive, NestedScanner nested) {
    ContainerScan scan = new ContainerScan();
    scan.anomalies(archive);
    for (ZipEntry entry : archive.entries()) {
      scanMember(scan, archive, entry, nested);
    }
    return scan.result();
  }

  /**
   * Scans a zip archive the way its loader reads it: as a PyTorch checkpoint when it has a {@code
   * data.pkl} or {@code constants.pkl} record one folder down, as a numpy {@code .npz} when every
   * member is a {@code .npy}, as a Keras archive when it has a {@code config.json}, else as a plain
   * zip.
   */
  public ScanResult scanAny(ByteBuffer data, NestedScanner nested) {
    return scanAny(ModelSource.of(data), nested);
  }

  /**
   * Scans an archive of any size as {@link #scanAny(ByteBuffer, NestedScanner)} does, reading the
   * central directory from the end and then only the members that are scanned.
   */
  public ScanResult scanAny(ModelSource source, NestedScanner nested) {
    ZipArchive archive;
    try {
      archive = ZipReader.read(source, limits);
    } catch (MalformedZipException e) {
      return ContainerScan.malformedArchive(e);
    }
    if (TorchZipScanner.isCheckpoint(archive)) {
      return TorchZipScanner.scan(archive, nested);
    }
    if (NpzScanner.isNpz(archive)) {
      return NpzScanner.scan(archive, nested);
    }
    if (KerasZipScanner.isKerasArchive(archive)) {
      // Keras reads config.json and nothing else it needs: metadata.json may be missing.
      return KerasZipScanner.scan(archive, nested);
    }
    return scan(archive, nested);
  }

  static void scanMember(
      ContainerScan scan, ZipArchive archive, ZipEntry entry, NestedScanner nested) {
    if (entry.directory() || entry.symlink()) {
      return;
    }
    ByteBuffer bytes = scan.open(archive, entry);
    if (bytes != null) {
      scan.add(nested.scan(bytes, entry.name()).inside(memberName(entry)));
    }
  }

  /** The container name findings inside a member carry. */
  static String memberName(ZipEntry entry) {
    String name =
        entry.name().isEmpty()
            ? "(unnamed member " + entry.index() + ")"
            : Untrusted.escape(entry.name());
    return entry.localOnly() ? name + " (local header only)" : name;
  }
}
