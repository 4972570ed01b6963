package dev.custody.scan;

import dev.custody.format.archive.ArchiveBudget;
import dev.custody.format.archive.ArchiveLimits;
import dev.custody.format.archive.Compression;
import dev.custody.format.archive.Decompressed;
import dev.custody.format.archive.Decompressor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scans single compressed streams (gzip, bzip2, xz, zstd; every member or frame of a multi-member
 * stream): decompresses within the file's {@link ArchiveBudget} and hands the result to a {@link
 * NestedScanner} under the name {@code (gzip)} and so on. A stream cut short by a bomb, a budget or
 * corruption still has what came before scanned, and the scan is incomplete. Thread-safe.
 */
public final class CompressedScanner {
  private final ArchiveFindings findings = new ArchiveFindings(RuleBook.standard());

  private CompressedScanner() {}

  /** A scanner with custody's rules. */
  public static CompressedScanner standard() {
    return new CompressedScanner();
  }

  /**
   * The compression {@code data} starts with (strong magic only: gzip, bzip2, xz, zstd); zlib and
   * lzma-alone are recognised only inside joblib files.
   */
  public static Optional<Compression> recognizes(ByteBuffer data) {
    return Compression.detect(data, false);
  }

  /**
   * A format scanner reading every input as {@code compression} with a fresh budget at {@link
   * ArchiveLimits#DEFAULT}: for zlib and lzma-alone, whose weak magic only the detector judges.
   */
  public FormatScanner as(Compression compression) {
    return (data, nested) ->
        scan(data, compression, nested, new ArchiveBudget(ArchiveLimits.DEFAULT));
  }

  /** Scans one compressed stream with a fresh budget at {@link ArchiveLimits#DEFAULT}. */
  public ScanResult scan(ByteBuffer data, NestedScanner nested) {
    return scan(data, nested, new ArchiveBudget(ArchiveLimits.DEFAULT));
  }

  /** Scans the compressed stream in {@code data}, drawing on the file's {@code budget}. */
  public ScanResult scan(ByteBuffer data, NestedScanner nested, ArchiveBudget budget) {
    Optional<Compression> compression = recognizes(data);
    if (compression.isEmpty()) {
      return new ScanResult(
          List.of(
              findings.problem(
                  new dev.custody.format.archive.ArchiveProblem(
                      dev.custody.format.archive.ArchiveProblem.Kind.MALFORMED,
                      0,
                      "the bytes do not start with gzip, bzip2, xz or zstd magic"),
                  "compressed stream")),
          false);
    }
    return scan(data, compression.get(), nested, budget);
  }

  /** Scans {@code data} as {@code compression}, drawing on the file's {@code budget}. */
  public ScanResult scan(
      ByteBuffer data, Compression compression, NestedScanner nested, ArchiveBudget budget) {
    String label = "(" + compression.label() + ")";
    if (!budget.enter()) {
      return new ScanResult(
          List.of(findings.tooDeep(budget.limits().maxDepth(), compression.label() + " stream")),
          false);
    }
    try {
      Decompressed out = Decompressor.decompress(data, compression, budget);
      List<ScanResult> parts = new ArrayList<>();
      if (out.data().hasRemaining()) {
        parts.add(nested.scan(out.data(), label).inside(label));
      }
      out.problem()
          .ifPresent(p ->
              parts.add(
                  new ScanResult(
                      List.of(findings.problem(p, compression.label() + " stream")), false)));
      return ScanResult.combine(parts);
    } finally {
      budget.exit();
    }
  }
}
