package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.custody.format.archive.ArchiveLimits;
import java.nio.ByteBuffer;

/**
 * Nested containers are hostile input: for any bytes, routing them through {@link ArchiveScanner},
 * {@link CompressedScanner} and {@link JoblibScanner} returns a result and never throws. Run with
 * {@code JAZZER_FUZZ=1} to fuzz; the plain build replays the committed inputs.
 */
class ContainerScanFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void scanIsTotal(byte @NotNull [] data) {
    ScanResult result =
        Routing.scan(
            ByteBuffer.wrap(data), new ArchiveLimits(1 << 20, 4 << 20, 100, 1 << 16, 64, 512, 4));
    assertThat(result.findings()).isNotNull();
  }
}
