package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.format.safetensors.MalformedSafetensorsException;
import dev.custody.format.safetensors.SafetensorsFile;
import dev.custody.format.safetensors.SafetensorsLimits;
import dev.custody.format.safetensors.SafetensorsReader;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scans a safetensors file: it cannot run code, so findings are about structure. A file the
 * safetensors library would refuse gets medium findings (SAFETENSORS-001 to 003); bytes that no
 * tensor covers, where another file can hide, get a high one (SAFETENSORS-004). A clean file has no
 * findings. Thread-safe.
 */
public final class SafetensorsScanner {
  /** Findings kept per file; a hostile header could otherwise produce millions. */
  static final int MAX_FINDINGS = 1_000;

  private final SafetensorsLimits limits;
  private final RuleBook rules = RuleBook.standard();

  private SafetensorsScanner(SafetensorsLimits limits) {
    this.limits = limits;
  }

  /** A scanner with {@link SafetensorsLimits#DEFAULT}. */
  public static SafetensorsScanner standard() {
    return new SafetensorsScanner(SafetensorsLimits.DEFAULT);
  }

  /** A scanner with other limits. */
  public static SafetensorsScanner withLimits(SafetensorsLimits limits) {
    return new SafetensorsScanner(limits);
  }

  /** Scans the bytes from {@code data.position()} to {@code data.limit()}. */
  public ScanResult scan(ByteBuffer data) {
    return scan(data, data.remaining());
  }

  /**
   * Scans a file of {@code fileSize} bytes from its first bytes, {@code prefix}, which must hold
   * the header (else the scan is incomplete); tensor data is never read.
   */
  public ScanResult scan(ByteBuffer prefix, long fileSize) {
    SafetensorsFile file;
    try {
      file = SafetensorsReader.read(prefix, fileSize, limits);
    } catch (MalformedSafetensorsException e) {
      FormatRule which =
          switch (e.reason()) {
            case MALFORMED_HEADER -> FormatRule.SAFETENSORS_HEADER;
            case LIMIT_EXCEEDED -> FormatRule.SAFETENSORS_LIMIT;
          };
      return new ScanResult(
          List.of(
              rules
                  .rule(which.id())
                  .finding(Location.at(e.offset()), "header", capitalized(e.getMessage()) + ".")),
          false);
    }
    List<Finding> findings = new ArrayList<>();
    for (SafetensorsFile.Problem p : file.problems()) {
      if (findings.size() == MAX_FINDINGS) {
        break;
      }
      FormatRule which =
          switch (p.kind()) {
            case INVALID_ENTRY -> FormatRule.SAFETENSORS_TENSOR;
            case BAD_LAYOUT -> FormatRule.SAFETENSORS_LAYOUT;
            case UNCOVERED_BYTES -> FormatRule.SAFETENSORS_HIDDEN_BYTES;
          };
      findings.add(
          rules
              .rule(which.id())
              .finding(
                  Location.at(p.offset()),
                  Untrusted.escape(p.subject()),
                  capitalized(p.message()) + "."));
    }
    findings.sort(Comparator.comparing(Finding::severity));
    return new ScanResult(findings, true);
  }

  /** Scans a whole byte array. */
  public ScanResult scan(byte[] data) {
    return scan(ByteBuffer.wrap(data));
  }

  static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
