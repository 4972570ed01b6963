package dev.custody.format.zip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.custody.scan.NestedScanner;
import dev.custody.scan.ScanResult;
import dev.custody.scan.ZipScanner;

/**
 * Zip archives are hostile input. For any bytes, reading either returns an archive or throws {@link
 * MalformedZipException}; opening every member returns contents or a reason; scanning returns a
 * result. Small limits keep each run cheap. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build
 * replays {@code src/test/resources/dev/custody/format/zip/ZipReaderFuzzTestInputs/}.
 */
class ZipReaderFuzzTest {
  private static final ZipLimits SMALL = new ZipLimits(64, 1 << 16, 1 << 18, 100, 1 << 10);

  @FuzzTest(maxDuration = "60s")
  void readingIsTotal(byte @NotNull [] data) {
    try {
      ZipArchive archive = ZipReader.read(data, SMALL);
      for (ZipEntry entry : archive.entries()) {
        MemberData member = archive.open(entry);
        assertThat(member).isNotNull();
      }
      assertThat(archive.loaderRoot()).isNotNull();
      for (ZipAnomaly anomaly : archive.anomalies()) {
        assertThat(anomaly.message()).isNotBlank();
      }
    } catch (MalformedZipException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    NestedScanner nothing = (bytes, name) -> ScanResult.clean();
    ScanResult result =
        ZipScanner.withLimits(SMALL).scanAny(java.nio.ByteBuffer.wrap(data), nothing);
    assertThat(result).isNotNull();
  }
}
