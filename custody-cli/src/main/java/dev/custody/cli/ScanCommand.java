package dev.custody.cli;

import dev.custody.finding.Severity;
import dev.custody.internal.Untrusted;
import dev.custody.scan.FormatRegistry;
import dev.custody.scan.ScanException;
import dev.custody.scan.ScanOptions;
import dev.custody.scan.ScanReport;
import dev.custody.scan.Scanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code custody scan}: finds code that runs when a model is loaded, without loading it. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Find code that would run when a model is loaded, without loading it.",
    description = {
      "Scans model files and folders (recursively) and reports, per file, its format (from its"
          + " content, never its name), a verdict and the findings: dangerous imports and calls"
          + " in pickles, and more as format scanners are added. Nothing in a file is run or"
          + " deserialized.",
      "Text and JSON files are reported as not a model. A file that cannot be scanned completely"
          + " (an unknown binary, a symlink inside a folder, which is not followed) is never"
          + " reported clean: the scan exits 3 unless a finding makes it exit 1.",
      ""
    },
    sortOptions = false,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file scanned completely, no finding at or above --fail-on",
      "1:a finding at or above --fail-on (even if other files could not be scanned)",
      "2:usage error (bad option or value, a path that does not exist)",
      "3:some file could not be scanned completely, and no finding at or above --fail-on"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody scan examples/",
      "  custody scan --fail-on medium my-model/pytorch_model.bin",
      "  custody scan --format sarif --output custody.sarif models/",
      "  custody scan --format json my-model > scan-report.json"
    })
final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand CustodyCommand parent;

  @Parameters(
      index = "0..*",
      arity = "1..*",
      paramLabel = "PATH",
      description = "Model files or folders to scan.")
  List<Path> paths = List.of();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "Report: text (for people), json (schema in docs/cli.md) or sarif (SARIF 2.1.0).")
  ScanFormat format = ScanFormat.text;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      converter = SeverityConverter.class,
      description =
          "Exit 1 on a finding at or above this severity: critical, high (default), medium, low"
              + " or info.")
  Severity failOn = Severity.HIGH;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  @Nullable Path output;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Files scanned at once, 1 to 1024 (default: one per core).")
  @Nullable Integer threads;

  @Override
  public Integer call() {
    for (Path path : paths) {
      if (path.toString().isEmpty()) {
        throw CliFailure.usage("a PATH is empty; give a model file or folder ('.' for here)");
      }
    }
    ScanOptions options = ScanOptions.defaults();
    if (threads != null) {
      if (threads < 1 || threads > 1024) {
        throw CliFailure.usage("--threads must be from 1 to 1024, got " + threads);
      }
      options = options.withThreads(threads);
    }
    ScanReport report;
    try {
      report = new Scanner(options, FormatRegistry.standard()).scan(paths);
    } catch (ScanException e) {
      int code =
          switch (e.reason()) {
            case NOT_FOUND -> ExitCode.USAGE;
            case UNREADABLE -> ExitCode.OPERATIONAL;
          };
      throw new CliFailure(code, String.valueOf(e.getMessage()), e);
    }
    int code = exitCode(report, failOn);
    boolean color = output == null && parent.terminal().colorOnStdout();
    String rendered =
        switch (format) {
          case text -> ScanText.render(report, failOn, code, color);
          case json -> ScanJson.render(report, failOn, code);
          case sarif -> ScanSarif.render(report);
        };
    if (output == null) {
      spec.commandLine().getOut().print(rendered);
      spec.commandLine().getOut().flush();
    } else {
      write(output, rendered);
      spec.commandLine()
          .getErr()
          .println(
              "custody scan: wrote the "
                  + format
                  + " report to "
                  + Untrusted.quote(output.toString())
                  + "; "
                  + ScanText.outcome(report, failOn, code));
    }
    return code;
  }

  /** 1 on a finding at or above the threshold, else 3 if any file was not fully scanned, else 0. */
  static int exitCode(ScanReport report, Severity failOn) {
    if (report.hasFindingAtLeast(failOn)) {
      return ExitCode.FINDINGS;
    }
    return report.completed() ? ExitCode.OK : ExitCode.OPERATIONAL;
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliFailure(
          ExitCode.OPERATIONAL,
          "could not write the report to "
              + Untrusted.quote(file.toString())
              + " ("
              + e.getClass().getSimpleName()
              + "); check the folder exists and is writable, or leave out --output",
          e);
    }
  }
}
