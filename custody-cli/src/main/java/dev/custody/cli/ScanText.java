package dev.custody.cli;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.internal.Untrusted;
import dev.custody.scan.FileReport;
import dev.custody.scan.ScanReport;
import java.util.Locale;

/**
 * The text report: one line per file (verdict, worst severity, path, format, note), then every
 * finding grouped by file, then a summary. Colour only when asked for (a terminal, no NO_COLOR).
 */
final class ScanText {
  private static final String NL = System.lineSeparator();

  private ScanText() {}

  static String render(ScanReport report, Severity failOn, int exitCode, boolean color) {
    StringBuilder out = new StringBuilder();
    for (FileReport file : report.files()) {
      out.append(paint(String.format(Locale.ROOT, "%-11s ", verdictWord(file)), file, color));
      String worst = file.worst().map(Severity::label).orElse("");
      out.append(String.format(Locale.ROOT, "%-8s ", worst));
      out.append(Untrusted.quote(file.path().toString()))
          .append("  (")
          .append(file.format().label());
      if (!file.findings().isEmpty()) {
        int n = file.findings().size();
        out.append(", ").append(n).append(n == 1 ? " finding" : " findings");
      }
      if (!file.note().isEmpty() && file.verdict() != FileReport.Verdict.NOT_A_MODEL) {
        out.append(": ").append(file.note());
      }
      out.append(')').append(NL);
    }
    for (FileReport file : report.files()) {
      if (file.findings().isEmpty()) {
        continue;
      }
      out.append(NL).append(Untrusted.quote(file.path().toString())).append(NL);
      for (Finding finding : file.findings()) {
        String head = finding.severity().name() + " " + finding.rule() + " " + finding.title();
        out.append("  ").append(color ? color(finding.severity()) + head + RESET : head).append(NL);
        out.append("    subject: ").append(finding.subject());
        out.append("   at: ").append(finding.location()).append(NL);
        out.append("    ").append(finding.explanation()).append(NL);
        out.append("    what to do: ").append(finding.remedy()).append(NL);
      }
    }
    out.append(NL).append(summary(report)).append(NL);
    out.append(outcome(report, failOn, exitCode)).append(NL);
    return out.toString();
  }

  private static String verdictWord(FileReport file) {
    return file.verdict().label().toUpperCase(Locale.ROOT);
  }

  static String summary(ScanReport report) {
    long files = report.files().size();
    return String.format(
        Locale.ROOT,
        "Scanned %d %s in %.1f s: %d with findings, %d incomplete, %d clean, %d not a model.",
        files,
        files == 1 ? "file" : "files",
        report.duration().toMillis() / 1000.0,
        report.count(FileReport.Verdict.FINDINGS),
        report.count(FileReport.Verdict.INCOMPLETE),
        report.count(FileReport.Verdict.CLEAN),
        report.count(FileReport.Verdict.NOT_A_MODEL));
  }

  /** One sentence: what the exit code means for this report. */
  static String outcome(ScanReport report, Severity failOn, int exitCode) {
    return switch (exitCode) {
      case ExitCode.FINDINGS ->
          "Result: findings at or above "
              + failOn.label()
              + " (exit 1): do not load the files marked FINDINGS.";
      case ExitCode.OPERATIONAL ->
          "Result: incomplete (exit 3): some files could not be scanned completely;"
              + " treat them as unsafe until checked.";
      default ->
          report.files().isEmpty()
              ? "Result: nothing to scan (exit 0)."
              : "Result: no finding at or above " + failOn.label() + " (exit 0).";
    };
  }

  private static final String RESET = "\u001b[0m";

  private static String paint(String text, FileReport file, boolean color) {
    if (!color) {
      return text;
    }
    return switch (file.verdict()) {
      case FINDINGS -> color(file.worst().orElse(Severity.INFO)) + text + RESET;
      case INCOMPLETE -> "\u001b[33m" + text + RESET;
      case CLEAN -> "\u001b[32m" + text + RESET;
      case NOT_A_MODEL -> text;
    };
  }

  private static String color(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "\u001b[1;31m";
      case MEDIUM -> "\u001b[33m";
      case LOW, INFO -> "\u001b[36m";
    };
  }
}
