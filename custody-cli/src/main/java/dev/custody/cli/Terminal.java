package dev.custody.cli;

import dev.custody.internal.SuppressForbidden;
import java.io.PrintStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the process is attached to: whether stdout and stderr are terminals, and whether the user
 * asked for no colour ({@code NO_COLOR}, https://no-color.org). The {@code ./custody} launcher
 * tells the JVM with {@code -Dcustody.stdout.tty} and {@code -Dcustody.stderr.tty}, because Java 21
 * cannot ask whether one stream is a terminal.
 *
 * @param stdoutIsTerminal whether stdout is a terminal
 * @param stderrIsTerminal whether stderr is a terminal
 * @param noColor whether colour is switched off
 * @param progressStream where progress bars go, or null to draw none
 */
record Terminal(
    boolean stdoutIsTerminal,
    boolean stderrIsTerminal,
    boolean noColor,
    @Nullable PrintStream progressStream) {

  /** No terminal anywhere: plain text, no colour, no progress. What tests and pipes get. */
  static final Terminal NONE = new Terminal(false, false, true, null);

  /** Reads the launcher's properties and the environment. */
  @SuppressForbidden(reason = "progress bars draw on the real stderr, and only on a terminal")
  static Terminal detect(Map<String, String> env) {
    boolean out = Boolean.getBoolean("custody.stdout.tty");
    boolean err = Boolean.getBoolean("custody.stderr.tty");
    String noColor = env.get("NO_COLOR");
    boolean dumb = "dumb".equals(env.get("TERM"));
    return new Terminal(
        out,
        err,
        (noColor != null && !noColor.isEmpty()) || dumb,
        err && !dumb ? System.err : null);
  }

  boolean colorOnStdout() {
    return stdoutIsTerminal && !noColor;
  }

  boolean colorOnStderr() {
    return stderrIsTerminal && !noColor;
  }
}
