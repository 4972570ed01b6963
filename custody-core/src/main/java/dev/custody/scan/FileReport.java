package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What scanning one file found.
 *
 * @param path the file, as reached from the path the caller gave
 * @param format its format, from its content
 * @param verdict the one-word summary
 * @param findings most severe first
 * @param completed true when every part of the file that a loader reads was scanned
 * @param note why the scan is incomplete or the file not a model, for people; empty when clean
 * @param duration how long the scan of this file took
 */
public record FileReport(
    Path path,
    ModelFormat format,
    Verdict verdict,
    List<Finding> findings,
    boolean completed,
    String note,
    Duration duration) {

  /** A file's verdict. */
  public enum Verdict {
    /** Scanned completely; nothing above {@link Severity#INFO} found. */
    CLEAN("clean"),
    /** Something above {@link Severity#INFO} found (the scan may also be incomplete). */
    FINDINGS("findings"),
    /** Not scanned completely and nothing found: never treat as clean (fail closed). */
    INCOMPLETE("incomplete"),
    /** A format no model loader executes (text, JSON, an empty file): nothing to scan. */
    NOT_A_MODEL("not-a-model");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    /** The lowercase name used in reports. */
    public String label() {
      return label;
    }
  }

  /** Copies the findings and checks the verdict agrees with them. */
  public FileReport {
    findings = List.copyOf(findings);
    if (verdict != verdictOf(format, findings, completed)) {
      throw new IllegalArgumentException(
          "verdict " + verdict + " disagrees with the findings and completeness");
    }
  }

  /** A report whose verdict follows from the rest. */
  public static FileReport of(
      Path path,
      ModelFormat format,
      List<Finding> findings,
      boolean completed,
      String note,
      Duration duration) {
    return new FileReport(
        path, format, verdictOf(format, findings, completed), findings, completed, note, duration);
  }

  static Verdict verdictOf(ModelFormat format, List<Finding> findings, boolean completed) {
    if (findings.stream().anyMatch(f -> f.severity() != Severity.INFO)) {
      return Verdict.FINDINGS;
    }
    if (!completed) {
      return Verdict.INCOMPLETE;
    }
    return format.isInert() ? Verdict.NOT_A_MODEL : Verdict.CLEAN;
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
