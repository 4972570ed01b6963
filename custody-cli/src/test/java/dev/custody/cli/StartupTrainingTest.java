package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupTrainingTest {

  /** A training command that fails early would record little: each must run to its end. */
  @Test
  void everyTrainingCommandRunsToItsEndOnTheShippedExamples() {
    List<List<String>> commandLines = StartupTraining.commandLines(Path.of("../examples"));
    assertThat(commandLines).extracting(c -> c.get(0)).contains("scan", "digest", "verify");
    for (List<String> commandLine : commandLines) {
      CliRun run = CliRun.of(commandLine.toArray(String[]::new));
      int expected = commandLine.get(0).equals("scan") ? ExitCode.FINDINGS : ExitCode.OK;
      assertThat(run.exitCode()).as("custody %s: %s", commandLine, run.err()).isEqualTo(expected);
    }
  }
}
