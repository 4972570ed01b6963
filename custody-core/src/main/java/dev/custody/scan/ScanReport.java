package dev.custody.scan;

import dev.custody.finding.Severity;
import java.time.Duration;
import java.util.List;

/**
 * What scanning some paths found: one report per file, in path order.
 *
 * @param files the file reports, sorted by path
 * @param duration wall-clock time of the whole scan
 */
public record ScanReport(List<FileReport> files, Duration duration) {

  /** Copies the list. */
  public ScanReport {
    files = List.copyOf(files);
  }

  /** True when some file has a finding at {@code threshold} or worse. */
  public boolean hasFindingAtLeast(Severity threshold) {
    return files.stream().anyMatch(f -> f.hasFindingAtLeast(threshold));
  }

  /** True when every file was scanned completely. */
  public boolean completed() {
    return files.stream().allMatch(FileReport::completed);
  }

  /** How many files have this verdict. */
  public long count(FileReport.Verdict verdict) {
    return files.stream().filter(f -> f.verdict() == verdict).count();
  }
}
