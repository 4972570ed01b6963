package dev.custody.format.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.custody.scan.ChatTemplateScanner;
import dev.custody.scan.ScanResult;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Tokenizer configs are hostile input. The top-level key pass is total and agrees with the strict
 * reader on every document the strict reader accepts; scanning a chat-template JSON or Jinja file
 * is total. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays {@code
 * TopLevelKeysFuzzTestInputs/}.
 */
class TopLevelKeysFuzzTest {
  private static final JsonLimits LIMITS = new JsonLimits(1 << 20, 64, 100_000);

  @FuzzTest(maxDuration = "60s")
  void detectionAndTemplateScanAreTotal(byte @NotNull [] data) {
    boolean found = TopLevelKeys.contains(ByteBuffer.wrap(data), "chat_template");
    try {
      JsonValue value = JsonReader.read(data, LIMITS);
      Map<String, JsonValue> members =
          value instanceof JsonValue.JsonObject object ? object.members() : Map.of();
      assertThat(found).isEqualTo(members.containsKey("chat_template"));
    } catch (MalformedJsonException e) {
      // Not strict JSON: any answer will do, as long as there is one.
    }
    ScanResult json = ChatTemplateScanner.standard().scanJson(ByteBuffer.wrap(data));
    ScanResult text = ChatTemplateScanner.standard().scanTemplate(ByteBuffer.wrap(data));
    assertThat(json.findings().size() + text.findings().size()).isLessThan(1_000);
  }
}
