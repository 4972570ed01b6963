package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.ByteBuffer;

/**
 * Format detection sees every file first, so it must be total: any bytes give a format, never an
 * exception, and the same bytes give the same format wherever they sit in a buffer. Run with {@code
 * JAZZER_FUZZ=1} to fuzz; the plain build replays the inputs under {@code
 * src/test/resources/dev/custody/scan/FormatDetectorFuzzTestInputs/}.
 */
class FormatDetectorFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void detectionIsTotal(byte @NotNull [] data) {
    ModelFormat format = FormatDetector.detect(data);
    assertThat(format).isNotNull();
    byte[] shifted = new byte[data.length + 3];
    System.arraycopy(data, 0, shifted, 3, data.length);
    ByteBuffer window = ByteBuffer.wrap(shifted, 3, data.length).slice();
    assertThat(FormatDetector.detect(window)).isEqualTo(format);
    ScanResult result =
        new Scanner(ScanOptions.defaults().withThreads(1), FormatRegistry.standard())
            .scan(ByteBuffer.wrap(data));
    if (format == ModelFormat.UNKNOWN_BINARY) {
      assertThat(result.completed()).isFalse();
    }
  }
}
