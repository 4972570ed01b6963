package dev.custody.format.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Model cards and configs are hostile input. For any bytes, reading returns a value or throws
 * {@link MalformedMetadataException}. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build
 * replays {@code ModelCardReaderFuzzTestInputs/}.
 */
class ModelCardReaderFuzzTest {
  private static final ModelCardLimits SMALL =
      new ModelCardLimits(1 << 16, 1 << 14, 16, 2_000, 8, 100, 256);

  @FuzzTest(maxDuration = "60s")
  void readingCardsIsTotal(byte @NotNull [] data) {
    try {
      ModelCard card = ModelCardReader.read(data, SMALL);
      assertThat(card.datasets().size()).isLessThanOrEqualTo(SMALL.maxItems());
    } catch (MalformedMetadataException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "60s")
  void readingConfigsIsTotal(byte @NotNull [] data) {
    try {
      assertThat(ModelConfigReader.read(data).architectures()).isNotNull();
    } catch (MalformedMetadataException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
