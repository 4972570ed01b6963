package dev.custody.format.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.custody.scan.OnnxScanner;
import dev.custody.scan.ScanResult;

/**
 * ONNX models are hostile input. For any bytes, reading and scanning return a result (failures are
 * inside it). Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays {@code
 * OnnxReaderFuzzTestInputs/}.
 */
class OnnxReaderFuzzTest {
  private static final OnnxLimits SMALL = new OnnxLimits(16, 20_000, 2_000, 256);

  @FuzzTest(maxDuration = "60s")
  void readingAndScanningAreTotal(byte @NotNull [] data) {
    OnnxModel model = OnnxReader.read(data, SMALL);
    assertThat(model.externalData().size() + model.operators().size()).isLessThanOrEqualTo(2_000);
    ScanResult result = OnnxScanner.withLimits(SMALL).scan(data);
    if (!model.completed()) {
      assertThat(result.completed()).isFalse();
    }
  }
}
