package dev.custody.format.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.ByteBuffer;

/**
 * Compressed streams are hostile input: for any bytes and any codec, {@link Decompressor} returns
 * what it read (problems inside the result), never throws, and stays within the budget. The first
 * input byte picks the codec. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays the
 * committed inputs.
 */
class DecompressorFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void decompressionIsTotal(byte @NotNull [] data) {
    if (data.length == 0) {
      return;
    }
    Compression[] codecs = Compression.values();
    Compression codec = codecs[(data[0] & 0xff) % codecs.length];
    ArchiveBudget budget = new ArchiveBudget(TarReaderFuzzTest.SMALL);
    Decompressed out =
        Decompressor.decompress(ByteBuffer.wrap(data, 1, data.length - 1), codec, budget);
    assertThat((long) out.data().remaining())
        .isLessThanOrEqualTo(TarReaderFuzzTest.SMALL.maxStreamBytes());
    assertThat(budget.spent()).isEqualTo(out.data().remaining());
  }
}
