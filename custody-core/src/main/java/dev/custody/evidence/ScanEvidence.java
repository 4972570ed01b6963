package dev.custody.evidence;

import dev.custody.finding.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the static scan found. The counts and the highest severity follow from the findings, so they
 * can never disagree with them.
 *
 * @param completed true when every file a loader reads was scanned to the end; false is never clean
 *     (fail closed)
 * @param files every file the scan looked at
 * @param findings every finding, most severe first as the scan reported them
 */
public record ScanEvidence(
    boolean completed, List<ScannedFileEvidence> files, List<FindingEvidence> findings) {

  /** Copies the lists. */
  public ScanEvidence {
    files = List.copyOf(files);
    findings = List.copyOf(findings);
  }

  /** The most severe finding's severity; empty when nothing was found. */
  public Optional<Severity> highestSeverity() {
    return findings.stream().map(FindingEvidence::severity).min(Severity::compareTo);
  }

  /** How many findings there are of each severity (every severity present, zero or more). */
  public Map<Severity, Long> counts() {
    Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      counts.put(severity, 0L);
    }
    for (FindingEvidence finding : findings) {
      counts.merge(finding.severity(), 1L, Long::sum);
    }
    return counts;
  }
}
