package dev.custody.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/** Builds the picocli command tree with custody's streams, colours and error handling. */
final class Cli {
  private Cli() {}

  /** Runs one command line and returns its exit code; everything printed goes to out and err. */
  static int execute(PrintWriter out, PrintWriter err, Terminal terminal, String... args) {
    return commandLine(out, err, terminal).execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, Terminal terminal) {
    CommandLine commandLine = new CommandLine(new CustodyCommand(terminal));
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
