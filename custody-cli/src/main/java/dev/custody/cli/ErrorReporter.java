package dev.custody.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Reports a failure once, as one or two lines on stderr, and picks the exit code: usage errors exit
 * 2, failures to do the job exit 3. A stack trace is shown only with {@code --verbose}; an
 * unexpected exception (a bug) says so and how to get the detail.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final Terminal terminal;

  ErrorReporter(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(prefix(command) + ex.getMessage());
    err.println(
        "Try '"
            + command.getCommandSpec().qualifiedName()
            + " --help' for the options and an example.");
    if (List.of(args).contains("--verbose")) {
      ex.printStackTrace(err);
    }
    return ExitCode.USAGE;
  }

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine command, ParseResult fullParseResult) {
    PrintWriter err = command.getErr();
    boolean verbose = fullParseResult.originalArgs().contains("--verbose");
    int code;
    if (ex instanceof CliFailure failure) {
      err.println(prefix(command) + failure.getMessage());
      code = failure.exitCode();
    } else {
      err.println(
          prefix(command)
              + "internal error: "
              + ex
              + (verbose ? "" : " (a bug in custody: rerun with --verbose and report the trace)"));
      code = ExitCode.OPERATIONAL;
    }
    if (verbose) {
      ex.printStackTrace(err);
    }
    if (code == ExitCode.USAGE) {
      err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
    }
    return code;
  }

  private String prefix(CommandLine command) {
    String name = command.getCommandSpec().qualifiedName();
    String error = terminal.colorOnStderr() ? "\u001b[1;31merror\u001b[0m" : "error";
    return name + ": " + error + ": ";
  }
}
