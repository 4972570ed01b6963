package dev.custody.format.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.custody.scan.FormatDetector;
import dev.custody.scan.SavedModelScanner;
import dev.custody.scan.ScanResult;
import java.nio.ByteBuffer;

/**
 * SavedModels are hostile input. For any bytes, recognising, reading and scanning return a result
 * (failures are inside it) within the limits. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain
 * build replays {@code SavedModelReaderFuzzTestInputs/} (made by {@code
 * src/test/fixtures/MakeSavedModelSeeds.java}).
 */
class SavedModelReaderFuzzTest {
  private static final SavedModelLimits SMALL = new SavedModelLimits(16, 20_000, 2_000, 256, 32);

  @FuzzTest(maxDuration = "60s")
  void readingAndScanningAreTotal(byte @NotNull [] data) {
    boolean recognised = SavedModelReader.recognizes(ByteBuffer.wrap(data));
    FormatDetector.detect(data);
    SavedModelGraph graph = SavedModelReader.read(data, SMALL);
    assertThat(graph.nodes().size()).isLessThanOrEqualTo(2_000);
    ScanResult result = SavedModelScanner.withLimits(SMALL).scan(data);
    if (!graph.completed()) {
      assertThat(result.completed()).isFalse();
    }
    if (recognised) {
      assertThat(graph.metaGraphs()).isPositive();
    }
  }
}
