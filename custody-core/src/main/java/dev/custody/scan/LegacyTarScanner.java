package dev.custody.scan;

import dev.custody.format.legacytorch.TarCheckpointRecord;
import dev.custody.format.legacytorch.TarCheckpointRecord.Kind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Scans the members of a tar that torch's oldest checkpoint loader reads ({@code storages}, {@code
 * tensors}, {@code pickle}; torch.load tries every file as such a tar first): every pickle in them
 * is judged by {@link PickleScanner} as CPython unpickles it, at the place torch reads it, and the
 * raw storage and tensor bytes between them are skipped. A layout torch would not read is TORCH-009
 * and leaves the scan incomplete. Thread-safe.
 */
final class LegacyTarScanner {
  private final PickleScanner pickles = PickleScanner.standard();

  /** True when torch's tar loader reads a member of this name. */
  static boolean reads(String memberName) {
    return Kind.of(memberName).isPresent();
  }

  /** Scans the member {@code name} (one torch reads) whose bytes are {@code content}. */
  ScanResult scan(String name, ByteBuffer content) {
    Kind kind = Kind.of(name).orElseThrow(() -> new IllegalArgumentException(name));
    TarCheckpointRecord.Walk walk = TarCheckpointRecord.read(content, kind);
    List<ScanResult> parts = new ArrayList<>();
    int n = 0;
    for (TarCheckpointRecord.Piece piece : walk.pieces()) {
      n++;
      parts.add(pickles.scan(piece.program()).inside("pickle " + n + " at byte " + piece.offset()));
    }
    ContainerScan own = new ContainerScan();
    walk.problem()
        .ifPresent(problem -> {
          own.add(
              ContainerRule.LEGACY_TAR_LAYOUT,
              0,
              name,
              "torch's tar loader cannot follow record '" + name + "': " + problem + ".");
          own.incomplete();
        });
    parts.add(own.result());
    return ScanResult.combine(parts);
  }

  /** The TORCH-008 note for a tar holding such members. */
  static ScanResult note(List<String> members) {
    ContainerScan own = new ContainerScan();
    own.add(
        ContainerRule.LEGACY_TAR,
        0,
        "tar checkpoint",
        "The tar has member(s) " + String.join(", ", members) + " that torch.load unpickles.");
    return own.result();
  }
}
