package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.format.hdf5.Hdf5Limits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HDF5 files as PyTables and pandas load them: pickles in attributes and object arrays, made by
 * {@code src/test/fixtures/make_pytables_files.py} with Debian's PyTables 3.7 and h5py.
 */
class PyTablesScannerTest {

  static byte[] fixture(String name) throws IOException {
    try (InputStream in =
        PyTablesScannerTest.class.getResourceAsStream("/dev/custody/scan/pytables/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readNBytes(1 << 20);
    }
  }

  private static ScanResult scan(byte[] file) {
    return Scanner.standard().scan(ByteBuffer.wrap(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"benign.h5", "benign-hard-link-loop.h5"})
  void benignFilesAreCleanAndComplete(String name) throws IOException {
    ScanResult result = scan(fixture(name));
    assertThat(result.completed()).as("%s", result.findings()).isTrue();
    assertThat(result.findings()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "malicious-attribute.h5, attribute 'payload' of '/w'",
    "malicious-object-array.h5, row 1 of '/objs'",
    "malicious-binary-attribute-dense.h5, attribute 'payload' of '/a/b/c/w07'"
  })
  void pickledPayloadsAreFoundWhereTheyAre(String name, String where) throws IOException {
    ScanResult result = scan(fixture(name));
    assertThat(result.findings())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
          assertThat(f.rule().value()).isEqualTo("PICKLE-001");
          assertThat(f.subject()).isEqualTo("posix.system");
          assertThat(f.location().toString()).contains(where);
        });
  }

  @Test
  void aWalkOverItsLimitsIsIncompleteNotClean() throws IOException {
    Hdf5Limits tiny =
        new Hdf5Limits(100_000, 256L << 20, 10_000, 64, Duration.ofSeconds(10), 3, 64);
    ScanResult result =
        Hdf5Scanner.withLimits(tiny)
            .scan(
                ByteBuffer.wrap(fixture("malicious-binary-attribute-dense.h5")),
                NestedScanner.UNSCANNED);
    assertThat(result.completed()).isFalse();
    assertThat(result.findings())
        .extracting(Finding::rule)
        .extracting(r -> r.value())
        .containsExactly("HDF5-002");
  }

  @Test
  void anObjectArrayClaimingMoreRowsThanTheLimitIsNotReadAndSaysSo() throws IOException {
    Hdf5Limits two = new Hdf5Limits(100_000, 256L << 20, 10_000, 64, Duration.ofSeconds(10), 2, 64);
    ScanResult result =
        Hdf5Scanner.withLimits(two)
            .scan(ByteBuffer.wrap(fixture("malicious-object-array.h5")), NestedScanner.UNSCANNED);
    assertThat(result.completed()).isFalse();
    assertThat(result.findings())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.rule().value()).isEqualTo("HDF5-001");
          assertThat(f.explanation()).contains("claims 2 rows");
        });
  }
}
