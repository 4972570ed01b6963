package dev.custody.format.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.ByteBuffer;

/**
 * Tar archives are hostile input: for any bytes, {@link TarReader} returns a listing (problems
 * inside it), never throws, and every member's content lies inside the input. Run with {@code
 * JAZZER_FUZZ=1} to fuzz; the plain build replays the committed inputs.
 */
class TarReaderFuzzTest {
  static final ArchiveLimits SMALL = new ArchiveLimits(1 << 20, 4 << 20, 100, 1 << 16, 64, 512, 4);

  @FuzzTest(maxDuration = "60s")
  void readIsTotal(byte @NotNull [] data) {
    ArchiveListing listing = TarReader.read(ByteBuffer.wrap(data), SMALL);
    assertThat(listing.entries().size()).isLessThanOrEqualTo(SMALL.maxEntries());
    for (ArchiveEntry entry : listing.entries()) {
      assertThat(entry.content().remaining()).isLessThanOrEqualTo(data.length);
      assertThat(entry.name().length()).isLessThanOrEqualTo(SMALL.maxNameLength());
    }
  }
}
