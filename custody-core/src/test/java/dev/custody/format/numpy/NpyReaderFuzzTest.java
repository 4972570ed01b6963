package dev.custody.format.numpy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.custody.scan.LegacyTorchScanner;
import dev.custody.scan.NpyScanner;
import java.nio.ByteBuffer;

/**
 * {@code .npy} headers and legacy PyTorch files are hostile input: for any bytes the header reader
 * returns a header or throws {@link MalformedArrayException}, and the scanners return a result. Run
 * with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays {@code
 * src/test/resources/dev/custody/format/numpy/NpyReaderFuzzTestInputs/}.
 */
class NpyReaderFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void readingIsTotal(byte @NotNull [] data) {
    try {
      NpyHeader header = NpyReader.read(ByteBuffer.wrap(data));
      assertThat(header.dataOffset()).isBetween(10L, (long) data.length);
    } catch (MalformedArrayException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    assertThat(NpyScanner.standard().scan(ByteBuffer.wrap(data))).isNotNull();
    assertThat(LegacyTorchScanner.standard().scan(ByteBuffer.wrap(data))).isNotNull();
  }
}
