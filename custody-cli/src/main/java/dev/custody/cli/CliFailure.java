package dev.custody.cli;

import org.jspecify.annotations.Nullable;

/**
 * A verb could not do its job. Thrown from a command, it is reported once, as one or two lines on
 * stderr, and the process exits with {@link #exitCode()}.
 */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliFailure(int exitCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  static CliFailure usage(String message) {
    return new CliFailure(ExitCode.USAGE, message, null);
  }

  int exitCode() {
    return exitCode;
  }
}
