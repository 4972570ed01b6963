package dev.custody.scan;

import dev.custody.format.pickle.Limits;
import dev.custody.format.pickle.PickleProgram;
import dev.custody.format.pickle.PickleReader;
import dev.custody.format.zip.ZipArchive;
import dev.custody.format.zip.ZipEntry;
import dev.custody.format.zip.ZipLimits;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Scans a PyTorch zip checkpoint ({@code torch.save} since 1.6, {@code torch.jit.save}) as {@code
 * torch.load} reads it: by the central directory, whatever the root folder is called. Every pickle
 * record ({@code *.pkl}, {@code *.debug_pkl}, duplicates and local-only entries included) is
 * scanned with {@link PickleScanner}; storage records ({@code <root>/data/<key>}) are raw tensor
 * bytes and are not read at all, so scan time does not grow with the weights. TorchScript archives
 * are reported as code (TORCH-001, low): their pickles are judged as torch.jit.load's C++ unpickler
 * resolves globals, and every {@code .py} code record is read by {@link TorchScriptCode} for
 * operators and classes beyond torch's own (TORCH-005, TORCH-006). Zip tricks are ZIP-* findings,
 * other members go to the {@link NestedScanner}. Thread-safe.
 */
public final class TorchZipScanner {
  /** Small text records torch writes and reads as text, never as code. */
  private static final Set<String> TEXT_RECORDS =
      Set.of("version", "byteorder", ".format_version", ".storage_alignment");

  private final ZipLimits limits;
  private static final PickleScanner PICKLES = PickleScanner.standard();
  private static final PickleScanner SCRIPT_PICKLES = PickleScanner.forTorchScript();
  private static final TorchScriptCode CODE = new TorchScriptCode(TorchScriptRules.standard());

  private TorchZipScanner(ZipLimits limits) {
    this.limits = limits;
  }

  /** A scanner with {@link ZipLimits#DEFAULT}. */
  public static TorchZipScanner standard() {
    return new TorchZipScanner(ZipLimits.DEFAULT);
  }

  /** A scanner with other limits. */
  public static TorchZipScanner withLimits(ZipLimits limits) {
    return new TorchZipScanner(limits);
  }

  /** True when some record one folder down is {@code data.pkl} or {@code constants.pkl}. */
  static boolean isCheckpoint(ZipArchive archive) {
    for (ZipEntry entry : archive.entries()) {
      String record = record(entry.name());
      if (record.equals("data.pkl") || record.equals("constants.pkl")) {
        return true;
      }
    }
    return false;
  }

  /** Scans the checkpoint in {@code data} (position to limit). */
  public ScanResult scan(ByteBuffer data, NestedScanner nested) {
    return ContainerScan.ofZip(data, limits, archive -> scan(archive, nested));
  }

  /** Scans a checkpoint already read; storage records are never opened. */
  static ScanResult scan(ZipArchive archive, NestedScanner nested) {
    ContainerScan scan = new ContainerScan();
    scan.anomalies(archive);
    String root = archive.loaderRoot();
    layout(scan, archive, root);
    @Nullable String torchScript = torchScriptRecord(archive);
    // torch.jit.load reads every pickle of a TorchScript archive with its C++ unpickler.
    PickleScanner judge = torchScript == null ? PICKLES : SCRIPT_PICKLES;
    for (ZipEntry entry : archive.entries()) {
      if (entry.directory() || entry.symlink()) {
        continue;
      }
      String record = record(entry.name());
      String lower = record.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".pkl") || lower.endsWith(".debug_pkl")) {
        ByteBuffer bytes = scan.open(archive, entry);
        if (bytes != null) {
          PickleProgram program = PickleReader.read(bytes, Limits.DEFAULT);
          scan.add(judge.scan(program).inside(ZipScanner.memberName(entry)));
          if (record.equals("data.pkl") && !root.isEmpty()) {
            ContainerScan storages = new ContainerScan();
            StorageCheck.check(storages, archive, root, program);
            scan.add(storages.result().inside(ZipScanner.memberName(entry)));
          }
        }
      } else if (lower.endsWith(".py")) {
        ByteBuffer bytes = scan.open(archive, entry);
        if (bytes == null) {
          scan.add(
              ContainerRule.TORCHSCRIPT_UNREAD,
              entry.localHeaderOffset(),
              Untrusted.escape(entry.name()),
              "Code record " + Untrusted.quote(entry.name()) + " could not be extracted.");
        } else {
          scan.add(CODE.judge(bytes).inside(ZipScanner.memberName(entry)));
        }
      } else if (!isStorage(record)
          && !TEXT_RECORDS.contains(record)
          && !record.startsWith(".data/")) {
        // Not raw tensor bytes or one of torch's small text records: scan it by content.
        ZipScanner.scanMember(scan, archive, entry, nested);
      }
    }
    if (torchScript != null) {
      scan.add(
          ContainerRule.TORCHSCRIPT,
          0,
          root.isEmpty() ? "TorchScript archive" : Untrusted.escape(root),
          "Record " + Untrusted.quote(torchScript) + " makes this a TorchScript archive.");
    }
    return scan.result();
  }

  private static void layout(ContainerScan scan, ZipArchive archive, String root) {
    if (root.isEmpty()) {
      scan.add(
          ContainerRule.TORCH_LAYOUT,
          0,
          "zip archive",
          "The first member's name has no folder; torch.load refuses it ('file in archive is not"
              + " in a subdirectory').");
      return;
    }
    boolean hasData = false;
    @Nullable String outside = null;
    for (ZipEntry entry : archive.entries()) {
      if (entry.localOnly()) {
        continue;
      }
      hasData |= entry.name().equals(root + "/data.pkl");
      if (outside == null && !entry.name().startsWith(root + "/")) {
        outside = entry.name();
      }
    }
    if (!hasData) {
      scan.add(
          ContainerRule.TORCH_LAYOUT,
          0,
          Untrusted.escape(root),
          "There is no data.pkl under the loader's root folder " + Untrusted.quote(root) + ".");
    }
    if (outside != null) {
      scan.add(
          ContainerRule.TORCH_LAYOUT,
          0,
          Untrusted.escape(outside),
          "Member "
              + Untrusted.quote(outside)
              + " is outside the root folder "
              + Untrusted.quote(root)
              + " that torch reads records from.");
    }
  }

  /**
   * The record that makes the archive TorchScript, or null: {@code constants.pkl} (what {@code
   * torch.load} checks before handing the file to {@code torch.jit.load}), else the first code or
   * Python source record.
   */
  private static @Nullable String torchScriptRecord(ZipArchive archive) {
    @Nullable String code = null;
    for (ZipEntry entry : archive.entries()) {
      String record = record(entry.name());
      if (record.equals("constants.pkl")) {
        return entry.name();
      }
      if (code == null
          && (record.startsWith("code/") || record.toLowerCase(Locale.ROOT).endsWith(".py"))) {
        code = entry.name();
      }
    }
    return code;
  }

  /** The name below the first folder ({@code archive/data.pkl} → {@code data.pkl}). */
  static String record(String name) {
    int slash = name.indexOf('/');
    return slash < 0 ? name : name.substring(slash + 1);
  }

  private static boolean isStorage(String record) {
    return record.startsWith("data/") && record.indexOf('/', 5) < 0 && record.length() > 5;
  }
}
