package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Archives, compressed streams and joblib files made by Debian's python3 ({@code
 * src/test/fixtures/make_archives.py}): the benign ones scan completely with nothing at high or
 * above; every malicious one is caught by the right rule at the right severity.
 */
class ArchiveFixturesTest {
  private static final Path FOLDER = Path.of("src/test/resources/dev/custody/scan/archives");

  /** file → rule that must fire, and its severity. */
  private static final Map<String, String> EXPECTED =
      Map.ofEntries(
          Map.entry("payload-member.tar", "PICKLE-001 critical"),
          Map.entry("traversal.tar", "ARCHIVE-001 high"),
          Map.entry("absolute.tar", "ARCHIVE-002 high"),
          Map.entry("symlink-escape.tar", "ARCHIVE-003 high"),
          Map.entry("symlink-climb.tar", "ARCHIVE-003 high"),
          Map.entry("hardlink-escape.tar", "ARCHIVE-003 high"),
          Map.entry("devices.tar", "ARCHIVE-004 medium"),
          Map.entry("duplicate.tar", "PICKLE-001 critical"),
          Map.entry("pax-absolute.tar", "ARCHIVE-002 high"),
          Map.entry("gnu-long-traversal.tar", "ARCHIVE-001 high"),
          Map.entry("after-end.tar", "PICKLE-001 critical"),
          Map.entry("payload.pkl.gz", "PICKLE-001 critical"),
          Map.entry("payload.pkl.bz2", "PICKLE-001 critical"),
          Map.entry("payload.pkl.xz", "PICKLE-001 critical"),
          Map.entry("payload.tar.gz", "PICKLE-001 critical"),
          Map.entry("second-member.pkl.gz", "PICKLE-001 critical"),
          Map.entry("after-array.joblib", "PICKLE-001 critical"),
          Map.entry("after-array.joblib.zlib", "PICKLE-001 critical"),
          Map.entry("after-array.joblib.gzip", "PICKLE-001 critical"),
          Map.entry("after-array.joblib.bz2", "PICKLE-001 critical"),
          Map.entry("after-array.joblib.lzma", "PICKLE-001 critical"),
          Map.entry("after-array.joblib.xz", "PICKLE-001 critical"),
          Map.entry("object-array.joblib", "PICKLE-001 critical"),
          Map.entry("compat.joblib", "PICKLE-001 critical"),
          Map.entry("side-file-absolute.joblib", "JOBLIB-002 critical"),
          Map.entry("side-file.joblib", "JOBLIB-001 high"));

  static Stream<Path> benign() throws IOException {
    return list("benign");
  }

  static Stream<Path> malicious() throws IOException {
    return list("malicious");
  }

  private static Stream<Path> list(String kind) throws IOException {
    try (Stream<Path> files = Files.list(FOLDER.resolve(kind))) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("benign")
  void benignFileScansCleanAndComplete(Path file) throws IOException {
    ScanResult result = Routing.scan(Files.readAllBytes(file));
    assertThat(result.completed()).as("scan of %s completed: %s", file, result).isTrue();
    assertThat(result.findings())
        .as("findings of %s", file)
        .noneMatch(f -> f.severity().isAtLeast(Severity.MEDIUM));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malicious")
  void maliciousFileIsCaughtByItsRule(Path file) throws IOException {
    String expected = EXPECTED.getOrDefault(file.getFileName().toString(), "none none");
    List<String> parts = List.of(expected.split(" ", -1));
    ScanResult result = Routing.scan(Files.readAllBytes(file));
    assertThat(result.findings())
        .as("findings of %s", file)
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo(parts.get(0));
          assertThat(f.severity()).isEqualTo(Severity.parse(parts.get(1)));
        });
  }

  @Test
  void everyMaliciousFixtureHasAnExpectation() throws IOException {
    List<String> names = malicious().map(p -> p.getFileName().toString()).toList();
    assertThat(names).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
  }

  @Test
  void memberFindingsAreLocatedInsideTheirMember() throws IOException {
    ScanResult result =
        Routing.scan(Files.readAllBytes(FOLDER.resolve("malicious/payload.tar.gz")));
    Finding critical = result.findings().get(0);
    assertThat(critical.location().containers()).containsExactly("(gzip)", "model/data.pkl");
  }

  @Test
  void hiddenAndDuplicateMembersAreReportedToo() throws IOException {
    assertThat(rules("after-end.tar")).contains("ARCHIVE-011");
    assertThat(rules("duplicate.tar")).contains("ARCHIVE-005");
    assertThat(rules("symlink-escape.tar")).contains("ARCHIVE-003");
    assertThat(rules("devices.tar")).containsOnly("ARCHIVE-004");
  }

  @Test
  void joblibArrayBytesAreSkippedNotParsed() throws IOException {
    ScanResult result = Routing.scan(Files.readAllBytes(FOLDER.resolve("benign/model.joblib")));
    assertThat(result.findings()).isEmpty();
    assertThat(result.completed()).isTrue();
  }

  private static List<String> rules(String malicious) throws IOException {
    return Routing.scan(Files.readAllBytes(FOLDER.resolve("malicious").resolve(malicious)))
        .findings()
        .stream()
        .map(f -> f.rule().value())
        .toList();
  }
}
