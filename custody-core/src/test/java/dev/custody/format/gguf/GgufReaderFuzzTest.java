package dev.custody.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.custody.scan.GgufScanner;
import dev.custody.scan.ScanResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * GGUF files and their chat templates are hostile input. For any bytes, reading and scanning return
 * a result (failures are inside it), and the Jinja lexer tokenizes any text. Run with {@code
 * JAZZER_FUZZ=1} to fuzz; the plain build replays {@code GgufReaderFuzzTestInputs/}.
 */
class GgufReaderFuzzTest {
  private static final GgufLimits SMALL = new GgufLimits(256, 256, 1 << 16, 4_096, 4, 1 << 14, 16);

  @FuzzTest(maxDuration = "60s")
  void readingAndScanningAreTotal(byte @NotNull [] data) {
    GgufFile file = GgufReader.read(ByteBuffer.wrap(data), SMALL);
    assertThat(file.completed() || file.failureCause().isPresent()).isTrue();
    ScanResult result = GgufScanner.withLimits(SMALL).scan(data);
    if (!file.completed()) {
      assertThat(result.completed()).isFalse();
    }
    JinjaLexer.Tokens tokens =
        JinjaLexer.tokenize(new String(data, StandardCharsets.ISO_8859_1), 10_000);
    assertThat(tokens.tokens().size()).isLessThanOrEqualTo(10_000);
  }
}
