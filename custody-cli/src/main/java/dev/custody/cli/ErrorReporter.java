package dev.custody.cli;

import dev.custody.internal.Untrusted;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

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
    err.println(prefix(command) + usageMessage(ex));
    printHint(command);
    if (verboseBeforeEndOfOptions(args)) {
      ex.printStackTrace(err);
    }
    return ExitCode.USAGE;
  }

  /** picocli's message, except for a mistyped verb, which deserves the list of verbs. */
  private static String usageMessage(ParameterException ex) {
    CommandLine command = ex.getCommandLine();
    if (ex instanceof UnmatchedArgumentException unmatched
        && command.getParent() == null
        && !command.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      return "unknown verb '"
          + Untrusted.escape(unmatched.getUnmatched().get(0))
          + "'; the verbs are: "
          + String.join(", ", command.getSubcommands().keySet());
    }
    return String.valueOf(ex.getMessage());
  }

  private static boolean verboseBeforeEndOfOptions(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static void printHint(CommandLine command) {
    command
        .getErr()
        .println(
            "Try '"
                + command.getCommandSpec().qualifiedName()
                + " --help' for the options and an example.");
  }

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine command, ParseResult fullParseResult) {
    PrintWriter err = command.getErr();
    boolean verbose = verbose(fullParseResult);
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
      printHint(command);
    }
    return code;
  }

  private String prefix(CommandLine command) {
    String name = command.getCommandSpec().qualifiedName();
    String error = terminal.colorOnStderr() ? "\u001b[1;31merror\u001b[0m" : "error";
    return name + ": " + error + ": ";
  }
}
