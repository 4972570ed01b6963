package dev.custody.format.torchscript;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.ByteBuffer;

/**
 * TorchScript code records are hostile input: for any bytes the lexer returns references that start
 * inside the record and name a root torch resolves, within the reference limit, and never throws.
 * Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays {@code
 * src/test/resources/dev/custody/format/torchscript/TorchScriptSourceFuzzTestInputs/}.
 */
class TorchScriptSourceFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void readingIsTotal(byte @NotNull [] data) {
    TorchScriptSource.Listing listing = TorchScriptSource.read(ByteBuffer.wrap(data), 64);
    assertThat(listing.references()).hasSizeLessThanOrEqualTo(64);
    for (TorchScriptSource.Reference reference : listing.references()) {
      assertThat(reference.offset()).isBetween(0L, (long) data.length);
      assertThat(TorchScriptSource.ROOTS).contains(reference.name().split("\\.", -1)[0]);
    }
  }
}
