package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import java.util.List;
import java.util.Optional;

/**
 * What scanning one input found, and whether the scan covered all of it. A scan that did not
 * complete is never clean, whatever its findings say (fail closed).
 *
 * @param findings the findings, most severe first, then in file order
 * @param completed true when every byte was read within the limits
 * @param companions files beside the scanned one that its loader also reads, as the content names
 *     them (relative locations, e.g. an ONNX model's external tensor data, with the byte ranges
 *     read from them); the {@link Scanner} judges them with the folder in hand
 */
public record ScanResult(List<Finding> findings, boolean completed, List<Companion> companions) {

  /** Copies the findings and companions. */
  public ScanResult {
    findings = List.copyOf(findings);
    companions = List.copyOf(companions);
  }

  /** A result that names no companion files. */
  public ScanResult(List<Finding> findings, boolean completed) {
    this(findings, completed, List.of());
  }

  /** Nothing found, and every byte read. */
  public static ScanResult clean() {
    return new ScanResult(List.of(), true);
  }

  /** These results together: all findings, complete only if every part was. */
  public static ScanResult combine(List<ScanResult> parts) {
    List<Finding> findings = new java.util.ArrayList<>();
    java.util.Set<Companion> companions = new java.util.LinkedHashSet<>();
    boolean completed = true;
    for (ScanResult part : parts) {
      findings.addAll(part.findings());
      companions.addAll(part.companions());
      completed &= part.completed();
    }
    findings.sort(
        java.util.Comparator.comparing(Finding::severity)
            .thenComparing(f -> f.location().containers().toString())
            .thenComparingLong(f -> f.location().offset()));
    return new ScanResult(findings, completed, List.copyOf(companions));
  }

  /** This result seen from outside {@code container}: every finding's location is prefixed. */
  public ScanResult inside(String container) {
    return new ScanResult(
        findings.stream().map(f -> f.inside(container)).toList(), completed, companions);
  }

  /** The most severe finding's severity, if any. */
  public Optional<Severity> worst() {
    return findings.stream().map(Finding::severity).min(Severity::compareTo);
  }

  /** True when some finding is at {@code threshold} or worse. */
  public boolean hasFindingAtLeast(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().isAtLeast(threshold));
  }
}
