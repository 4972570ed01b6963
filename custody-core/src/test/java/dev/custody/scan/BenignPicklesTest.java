package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real pickles made by Debian's python3 (stdlib pickle, numpy; torch-layout files, see the folder's
 * README) must scan completely with no finding at high or above.
 */
class BenignPicklesTest {
  private static final Path FOLDER = Path.of("src/test/resources/dev/custody/scan/benign");

  static Stream<Path> benign() throws IOException {
    try (Stream<Path> files = Files.list(FOLDER)) {
      List<Path> pickles = files.filter(f -> f.toString().endsWith(".pkl")).sorted().toList();
      assertThat(pickles).hasSizeGreaterThanOrEqualTo(10);
      return pickles.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("benign")
  void hasNoFindingAtHighOrAbove(Path file) throws IOException {
    ScanResult result = PickleScanner.standard().scan(Files.readAllBytes(file));
    assertThat(result.completed()).as("scan of %s completed", file).isTrue();
    assertThat(result.findings())
        .as("findings of %s", file)
        .noneMatch(f -> f.severity().isAtLeast(Severity.HIGH));
    assertThat(result.findings())
        .as("findings of %s", file)
        .extracting(Finding::rule)
        .allMatch(rule -> rule.value().equals("PICKLE-015"));
  }
}
