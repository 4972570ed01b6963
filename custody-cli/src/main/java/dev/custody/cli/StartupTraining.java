package dev.custody.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The training run behind the launcher's start-up archive (a class-data-sharing archive, or on JDK
 * 25 an ahead-of-time cache): runs the common verbs once, in one JVM, on the example models shipped
 * with custody, so that the JVM records the classes they load (and, for the cache, link and run
 * hot). Nothing is printed and nothing is written; a command that fails (an example missing from a
 * copy of the tool) only trains less.
 *
 * <p>Run by {@code ./custody} as {@code java -XX:ArchiveClassesAtExit=...
 * dev.custody.cli.StartupTraining EXAMPLES}; not a verb, and never run by a user.
 */
final class StartupTraining {
  private StartupTraining() {}

  /** Runs the training command lines against the examples folder named by the one argument. */
  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: StartupTraining EXAMPLES_FOLDER");
    }
    for (List<String> commandLine : commandLines(Path.of(args[0]))) {
      PrintWriter sink = new PrintWriter(Writer.nullWriter());
      Cli.execute(sink, sink, Terminal.NONE, Map.of(), commandLine.toArray(String[]::new));
    }
  }

  /** What a short run of custody does most: scan, digest and verify, and the verbs' help. */
  static List<List<String>> commandLines(Path examples) {
    String all = examples.toString();
    String tiny = examples.resolve("tiny-model").toString();
    String signed = examples.resolve("signed-model").toString();
    String key = examples.resolve("policies/keys/example-release.pub.pem").toString();
    return List.of(
        List.of("--help"),
        List.of("scan", all),
        List.of("scan", "--format", "json", all),
        List.of("digest", tiny),
        List.of("verify", signed, "--key", key));
  }
}
