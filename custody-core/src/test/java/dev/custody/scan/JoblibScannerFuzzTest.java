package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.custody.format.archive.ArchiveBudget;
import dev.custody.format.archive.ArchiveLimits;
import java.nio.ByteBuffer;

/**
 * joblib files are hostile input: for any bytes, {@link JoblibScanner} returns a result and never
 * throws. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays the committed inputs.
 */
class JoblibScannerFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void scanIsTotal(byte @NotNull [] data) {
    ArchiveBudget budget =
        new ArchiveBudget(new ArchiveLimits(1 << 20, 4 << 20, 100, 1 << 16, 64, 512, 4));
    ScanResult result = JoblibScanner.standard().scan(ByteBuffer.wrap(data), budget);
    assertThat(result.findings()).isNotNull();
    assertThat(budget.depth()).isZero();
  }
}
