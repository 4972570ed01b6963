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
 */
public record ScanResult(List<Finding> findings, boolean completed) {

  /** Copies the findings. */
  public ScanResult {
    findings = List.copyOf(findings);
  }

  /** Nothing found, and every byte read. */
  public static ScanResult clean() {
    return new ScanResult(List.of(), true);
  }

  /** These results together: all findings, complete only if every part was. */
  public static ScanResult combine(List<ScanResult> parts) {
    List<Finding> findings = new java.util.ArrayList<>();
    boolean completed = true;
    for (ScanResult part : parts) {
      findings.addAll(part.findings());
      completed &= part.completed();
    }
    findings.sort(
        java.util.Comparator.comparing(Finding::severity)
            .thenComparing(f -> f.location().containers().toString())
            .thenComparingLong(f -> f.location().offset()));
    return new ScanResult(findings, completed);
  }

  /** This result seen from outside {@code container}: every finding's location is prefixed. */
  public ScanResult inside(String container) {
    return new ScanResult(findings.stream().map(f -> f.inside(container)).toList(), completed);
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
