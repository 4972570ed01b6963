package dev.custody.format.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.custody.scan.KerasMetadataScanner;
import dev.custody.scan.ScanResult;
import java.nio.ByteBuffer;

/**
 * keras_metadata.pb files are hostile input: recognising, reading and scanning (protobuf, then each
 * object's JSON) are total. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays {@code
 * KerasMetadataReaderFuzzTestInputs/}.
 */
class KerasMetadataReaderFuzzTest {
  private static final SavedModelLimits SMALL = new SavedModelLimits(16, 20_000, 200, 256, 32);

  @FuzzTest(maxDuration = "60s")
  void readingAndScanningAreTotal(byte @NotNull [] data) {
    KerasMetadataReader.recognizes(ByteBuffer.wrap(data));
    KerasMetadataReader.KerasMetadata metadata =
        KerasMetadataReader.read(ByteBuffer.wrap(data), SMALL, 4_096);
    assertThat(metadata.objects().size()).isLessThanOrEqualTo(200);
    for (KerasMetadataReader.KerasObject object : metadata.objects()) {
      assertThat(object.metadata().length()).isLessThanOrEqualTo(4_096);
    }
    ScanResult result = KerasMetadataScanner.standard().scan(ByteBuffer.wrap(data));
    if (!metadata.completed()) {
      assertThat(result.completed()).isFalse();
    }
  }
}
