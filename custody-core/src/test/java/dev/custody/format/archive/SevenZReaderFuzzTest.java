package dev.custody.format.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.ByteBuffer;

/**
 * 7z archives are hostile input: for any bytes, {@link SevenZReader} returns a listing (problems
 * inside it), never throws, and never expands past the budget. Run with {@code JAZZER_FUZZ=1} to
 * fuzz; the plain build replays the committed inputs.
 */
class SevenZReaderFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void readIsTotal(byte @NotNull [] data) {
    ArchiveBudget budget = new ArchiveBudget(TarReaderFuzzTest.SMALL);
    ArchiveListing listing = SevenZReader.read(ByteBuffer.wrap(data), budget);
    assertThat(budget.spent()).isLessThanOrEqualTo(TarReaderFuzzTest.SMALL.maxTotalBytes());
    assertThat(listing.entries().size()).isLessThanOrEqualTo(TarReaderFuzzTest.SMALL.maxEntries());
  }
}
