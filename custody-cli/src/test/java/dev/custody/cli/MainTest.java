package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.custody.internal.SuppressForbidden;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Main} in a real process, for what only the real streams show. */
class MainTest {

  @Test
  @SuppressForbidden(reason = "runs custody's own Main in a child JVM to test its real stdout")
  void aResultThatCannotBeWrittenExitsThreeEvenOnTheRealStdout() throws Exception {
    File full = new File("/dev/full");
    assumeTrue(full.exists(), "/dev/full is not available on this system");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "digest",
                    "../examples/tiny-model"))
            .redirectOutput(full)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("custody finished").isTrue();
    String err = new String(process.getErrorStream().readNBytes(4096), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(ExitCode.OPERATIONAL);
    assertThat(err).contains("could not write the result to standard output");
  }
}
