package dev.custody.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * One in-process run of the custody command line, with no terminal attached: its exit code and
 * everything it printed on stdout and stderr.
 *
 * @param exitCode the exit code the process would exit with
 * @param out everything printed on stdout
 * @param err everything printed on stderr
 */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code custody args...} as {@link Main} would, but with in-memory streams. */
  static CliRun of(String... args) {
    return withEnvironment(Map.of(), args);
  }

  /** As {@link #of}, with these environment variables. */
  static CliRun withEnvironment(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter outWriter = new PrintWriter(out);
        PrintWriter errWriter = new PrintWriter(err)) {
      code = Cli.execute(outWriter, errWriter, Terminal.NONE, environment, args);
    }
    return new CliRun(code, out.toString(), err.toString());
  }
}
