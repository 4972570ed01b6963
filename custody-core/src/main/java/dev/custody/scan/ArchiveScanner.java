package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.format.archive.ArchiveBudget;
import dev.custody.format.archive.ArchiveEntry;
import dev.custody.format.archive.ArchiveLimits;
import dev.custody.format.archive.ArchiveListing;
import dev.custody.format.archive.SevenZReader;
import dev.custody.format.archive.TarReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Scans tar and 7z archives: reports member hazards (path traversal, absolute names, links that
 * leave the tree, devices and FIFOs, duplicate names, members hidden after the end marker) and
 * hands every regular member's bytes to a {@link NestedScanner} under the member's name, so a
 * pickle in a tar is judged like any pickle. The members torch's oldest checkpoint loader reads
 * from any tar ({@code storages}, {@code tensors}, {@code pickle}) go to {@link LegacyTarScanner}
 * instead, which finds every pickle where torch reads it. Results of members are relocated with
 * {@link ScanResult#inside(String)}. Thread-safe; the {@link ArchiveBudget} is per file.
 */
public final class ArchiveScanner {
  private final ArchiveFindings findings = new ArchiveFindings(RuleBook.standard());
  private final LegacyTarScanner legacyTorch = new LegacyTarScanner();

  private ArchiveScanner() {}

  /** A scanner with custody's rules. */
  public static ArchiveScanner standard() {
    return new ArchiveScanner();
  }

  /** True when {@code data} is a tar (valid first header) or 7z (signature) archive. */
  public static boolean recognizes(ByteBuffer data) {
    return SevenZReader.recognizes(data) || TarReader.recognizes(data);
  }

  /** Scans one archive with a fresh budget at {@link ArchiveLimits#DEFAULT}. */
  public ScanResult scan(ByteBuffer data, NestedScanner nested) {
    return scan(data, nested, new ArchiveBudget(ArchiveLimits.DEFAULT));
  }

  /**
   * Scans the archive in {@code data} (position to limit), drawing on {@code budget}, the budget of
   * the file it is part of. Members are scanned in archive order.
   */
  public ScanResult scan(ByteBuffer data, NestedScanner nested, ArchiveBudget budget) {
    boolean sevenZ = SevenZReader.recognizes(data);
    String format = sevenZ ? "7z archive" : "tar archive";
    if (!budget.enter()) {
      return new ScanResult(List.of(findings.tooDeep(budget.limits().maxDepth(), format)), false);
    }
    try {
      ArchiveListing listing =
          sevenZ ? SevenZReader.read(data, budget) : TarReader.read(data, budget.limits());
      List<ScanResult> parts = new ArrayList<>();
      List<Finding> own = new ArrayList<>(findings.hazards(listing));
      boolean completed = listing.completed();
      listing.stop().ifPresent(p -> own.add(findings.problem(p, format)));
      List<String> torchRecords = new ArrayList<>();
      for (ArchiveEntry entry : listing.entries()) {
        if (entry.kind() != ArchiveEntry.Kind.FILE || entry.size() == 0) {
          continue;
        }
        String label = entry.name().isEmpty() ? "(unnamed member)" : entry.name();
        if (!sevenZ && LegacyTarScanner.reads(entry.name())) {
          // torch.load reads these members of any tar as its oldest checkpoint format.
          torchRecords.add(entry.name());
          parts.add(legacyTorch.scan(entry.name(), entry.content()).inside(label));
        } else {
          parts.add(nested.scan(entry.content(), label).inside(label));
        }
      }
      if (!torchRecords.isEmpty()) {
        parts.add(LegacyTarScanner.note(torchRecords));
      }
      parts.add(new ScanResult(own, completed));
      return ScanResult.combine(parts);
    } finally {
      budget.exit();
    }
  }
}
