package dev.custody.cli;

import dev.custody.internal.SuppressForbidden;
import java.io.Console;
import java.io.PrintStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the process is attached to: whether stdout and stderr are terminals, and whether the user
 * asked for no colour ({@code NO_COLOR}, https://no-color.org). The {@code ./custody} launcher
 * tells the JVM with {@code -Dcustody.stdout.tty} and {@code -Dcustody.stderr.tty}, because Java 21
 * cannot ask whether one stream is a terminal.
 *
 * @param stdinIsTerminal whether stdin is a terminal (so a password may be asked for)
 * @param stdoutIsTerminal whether stdout is a terminal
 * @param stderrIsTerminal whether stderr is a terminal
 * @param noColor whether colour is switched off
 * @param progressStream where progress bars go, or null to draw none
 */
record Terminal(
    boolean stdinIsTerminal,
    boolean stdoutIsTerminal,
    boolean stderrIsTerminal,
    boolean noColor,
    @Nullable PrintStream progressStream) {

  /** No terminal anywhere: plain text, no colour, no progress. What tests and pipes get. */
  static final Terminal NONE = new Terminal(false, false, false, true, null);

  /** Reads the launcher's properties and the environment. */
  @SuppressForbidden(reason = "progress bars draw on the real stderr, and only on a terminal")
  static Terminal detect(Map<String, String> env) {
    boolean in = Boolean.getBoolean("custody.stdin.tty");
    boolean out = Boolean.getBoolean("custody.stdout.tty");
    boolean err = Boolean.getBoolean("custody.stderr.tty");
    String noColor = env.get("NO_COLOR");
    boolean dumb = "dumb".equals(env.get("TERM"));
    return new Terminal(
        in,
        out,
        err,
        (noColor != null && !noColor.isEmpty()) || dumb,
        err && !dumb ? System.err : null);
  }

  /**
   * Asks for a password on the terminal without echoing it, or returns null when no one can be
   * asked (stdin is not a terminal, or there is no console).
   */
  char @Nullable [] askPassword(String prompt) {
    Console console = stdinIsTerminal ? System.console() : null;
    return console == null ? null : console.readPassword("%s", prompt);
  }

  boolean colorOnStdout() {
    return stdoutIsTerminal && !noColor;
  }

  boolean colorOnStderr() {
    return stderrIsTerminal && !noColor;
  }
}
