package dev.custody.format.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.custody.scan.SavedModelScanner;
import dev.custody.scan.ScanResult;
import java.nio.ByteBuffer;

/**
 * {@code saved_model.pbtxt} is hostile input. For any bytes, the text reader and the scanner return
 * a result within the limits. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays
 * {@code SavedModelTextReaderFuzzTestInputs/} (hand-written texts in TensorFlow's layout: a saver
 * graph, a PyFunc and a WriteFile in a library function written with lists, angle brackets and
 * escapes, and an unclosed string).
 */
class SavedModelTextReaderFuzzTest {
  private static final SavedModelLimits SMALL = new SavedModelLimits(16, 20_000, 2_000, 256, 32);

  @FuzzTest(maxDuration = "60s")
  void readingIsTotal(byte @NotNull [] data) {
    SavedModelGraph graph = SavedModelTextReader.read(data, SMALL);
    assertThat(graph.nodes().size()).isLessThanOrEqualTo(2_000);
    for (SavedModelGraph.Node n : graph.nodes()) {
      assertThat(n.offset()).isBetween(0L, (long) data.length);
    }
    ScanResult result = SavedModelScanner.withLimits(SMALL).scanText(ByteBuffer.wrap(data));
    if (!graph.completed()) {
      assertThat(result.completed()).isFalse();
    }
  }
}
