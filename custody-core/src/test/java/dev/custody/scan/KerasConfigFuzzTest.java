package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.ByteBuffer;

/**
 * Keras configs and archives are hostile input. For any bytes, judging them as a Keras config and
 * scanning them as a {@code .keras} archive return a result and never throw; findings stay within
 * the cap. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays {@code
 * KerasConfigFuzzTestInputs/}.
 */
class KerasConfigFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void judgingIsTotal(byte @NotNull [] data) {
    ScanResult config = KerasConfig.scan(ByteBuffer.wrap(data), NestedScanner.UNSCANNED);
    assertThat(config.findings()).hasSizeLessThanOrEqualTo(KerasConfig.MAX_FINDINGS + 1);
    ScanResult archive =
        KerasZipScanner.standard().scan(ByteBuffer.wrap(data), NestedScanner.UNSCANNED);
    assertThat(archive.findings()).isNotNull();
  }
}
