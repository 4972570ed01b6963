package dev.custody.cli;

import dev.custody.internal.SuppressForbidden;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code custody} process: wires the real streams and terminal, then exits with the code. */
public final class Main {
  private Main() {}

  /** Runs custody with the command-line arguments and exits with its exit code. */
  @SuppressForbidden(reason = "the process entry point owns the real streams and the exit code")
  public static void main(String[] args) {
    // picocli otherwise looks for Groovy's Closure class when it starts; a class that is nowhere
    // makes the JVM open every jar on the class path (about 70) to be sure.
    System.setProperty("picocli.disable.closures", "true");
    if (HashWarmUp.helps(args)) {
      HashWarmUp.startInBackground();
    }
    // Not System.out: that PrintStream swallows write errors, so a full disk would look like
    // success. A stream on the file descriptor lets PrintWriter.checkError() see them.
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = Cli.execute(out, err, Terminal.detect(System.getenv()), System.getenv(), args);
    out.flush();
    err.flush();
    System.out.flush();
    System.err.flush();
    // Not System.exit: since Java 21 it first looks up a System.Logger to log the exit, and that
    // lookup searches every jar on the class path for a logging service: about 0.1 s of opening
    // jars at the end of every run (docs/benchmarks.md). halt skips that and the shutdown hooks:
    // custody registers none, and jline's (after a progress bar) would only restore terminal
    // modes the bar never changes. Everything custody wrote is flushed above.
    Runtime.getRuntime().halt(code);
  }
}
