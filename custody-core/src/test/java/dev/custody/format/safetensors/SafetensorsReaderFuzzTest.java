package dev.custody.format.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.custody.scan.SafetensorsScanner;
import dev.custody.scan.ScanResult;
import java.nio.ByteBuffer;

/**
 * safetensors files are hostile input. For any bytes, reading returns a file or throws {@link
 * MalformedSafetensorsException}, and scanning returns a result. Run with {@code JAZZER_FUZZ=1} to
 * fuzz; the plain build replays {@code SafetensorsReaderFuzzTestInputs/}.
 */
class SafetensorsReaderFuzzTest {
  private static final SafetensorsLimits SMALL = new SafetensorsLimits(1 << 16, 4_096);

  @FuzzTest(maxDuration = "60s")
  void readingAndScanningAreTotal(byte @NotNull [] data) {
    try {
      SafetensorsFile file = SafetensorsReader.read(ByteBuffer.wrap(data), SMALL);
      assertThat(file.dataLength()).isNotNegative();
      for (SafetensorsFile.Problem p : file.problems()) {
        assertThat(p.offset()).isBetween(0L, (long) data.length);
      }
    } catch (MalformedSafetensorsException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    ScanResult result = SafetensorsScanner.withLimits(SMALL).scan(data);
    assertThat(result.findings()).isNotNull();
  }
}
