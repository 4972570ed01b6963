package dev.custody.format.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.custody.scan.PickleScanner;
import dev.custody.scan.ScanResult;

/**
 * Pickles are hostile input. For any bytes, reading and scanning must return a result (failures are
 * inside it, as {@link MalformedPickleException}), never throw, and stay within small limits. Run
 * with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays the committed inputs under {@code
 * src/test/resources/dev/custody/format/pickle/PickleReaderFuzzTestInputs/}.
 */
class PickleReaderFuzzTest {
  private static final Limits SMALL =
      new Limits(1 << 16, 20_000, 2_000, 2_000, 4_096, 4_096, 64, 8, 1 << 20);

  @FuzzTest(maxDuration = "60s")
  void readingAndScanningAreTotal(byte @NotNull [] data) {
    PickleProgram program = PickleReader.read(data, SMALL);
    assertThat(program.completed() || program.failure().isPresent()).isTrue();
    for (PickleEvent event : program.events()) {
      assertThat(event.toString()).isNotNull();
    }
    ScanResult result = PickleScanner.withLimits(SMALL).scan(data);
    if (!program.completed()) {
      assertThat(result.completed()).isFalse();
    }
  }
}
