package dev.custody.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/** Builds the picocli command tree with custody's streams, colours and error handling. */
final class Cli {
  private Cli() {}

  /**
   * Runs one command line and returns its exit code; everything printed goes to out and err. A
   * result that could not be written (a full disk, a closed pipe) is a failure, not a success: a
   * script must not take a lost digest for a good one.
   */
  static int execute(
      PrintWriter out,
      PrintWriter err,
      Terminal terminal,
      Map<String, String> environment,
      String... args) {
    int code = commandLine(out, err, terminal, environment, Verbs.needed(args)).execute(args);
    if (out.checkError()) {
      err.println(
          "custody: error: could not write the result to standard output (disk full, or the"
              + " pipe was closed); fix where the output goes and run the command again");
      err.flush();
      return code == ExitCode.OK ? ExitCode.OPERATIONAL : code;
    }
    return code;
  }

  /** The root command with the given verbs; the settings below reach them all. */
  static CommandLine commandLine(
      PrintWriter out,
      PrintWriter err,
      Terminal terminal,
      Map<String, String> environment,
      List<String> verbs) {
    CommandLine commandLine = new CommandLine(new CustodyCommand(terminal, environment));
    Verbs.addTo(commandLine, verbs);
    ErrorReporter reporter = new ErrorReporter(terminal);
    commandLine
        .setOut(out)
        .setErr(err)
        .setColorScheme(
            Help.defaultColorScheme(terminal.colorOnStdout() ? Help.Ansi.ON : Help.Ansi.OFF))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setAbbreviatedOptionsAllowed(false)
        .setExecutionExceptionHandler(reporter)
        .setParameterExceptionHandler(reporter);
    return commandLine;
  }
}
