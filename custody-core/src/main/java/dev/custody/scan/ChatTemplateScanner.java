package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.format.json.JsonLimits;
import dev.custody.format.json.JsonReader;
import dev.custody.format.json.JsonValue;
import dev.custody.format.json.MalformedJsonException;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scans the chat templates Hugging Face transformers renders (a Jinja2 program, in a sandbox that
 * has been escaped before): the {@code chat_template} of a {@code tokenizer_config.json} or {@code
 * chat_template.json} (a string, a list of {@code {"name", "template"}} or an object of named
 * templates), and a whole {@code chat_template.jinja}. Each template is judged by the same rules as
 * a GGUF chat template (GGUF-002 to GGUF-007). The JSON is read strictly: a document transformers
 * would read differently (duplicate keys) is reported and the scan is incomplete. Thread-safe.
 */
public final class ChatTemplateScanner {
  /** Largest JSON document read; tokenizer configs with big vocabularies reach a few MB. */
  static final int MAX_JSON_BYTES = 64 << 20;

  private static final JsonLimits JSON_LIMITS = new JsonLimits(MAX_JSON_BYTES, 64, 8_000_000);

  private final RuleBook rules = RuleBook.standard();

  private ChatTemplateScanner() {}

  /** The scanner. */
  public static ChatTemplateScanner standard() {
    return new ChatTemplateScanner();
  }

  /** Scans a JSON document with a top-level {@code chat_template} (position to limit). */
  public ScanResult scanJson(ByteBuffer data) {
    if (data.remaining() > MAX_JSON_BYTES) {
      return unreadable(
          "The JSON document is "
              + data.remaining()
              + " bytes, more than the "
              + MAX_JSON_BYTES
              + " custody reads.");
    }
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    JsonValue root;
    try {
      root = JsonReader.read(bytes, JSON_LIMITS);
    } catch (MalformedJsonException e) {
      return unreadable("The JSON document could not be read strictly: " + e.getMessage() + ".");
    }
    List<Finding> findings = new ArrayList<>();
    if (root instanceof JsonValue.JsonObject object) {
      JsonValue template = object.members().get("chat_template");
      if (template instanceof JsonValue.JsonString text) {
        findings.addAll(ChatTemplateRules.judge(rules, "chat_template", text.value()));
      } else if (template instanceof JsonValue.JsonArray named) {
        for (JsonValue item : named.items()) {
          named(item, findings);
        }
      } else if (template instanceof JsonValue.JsonObject byName) {
        // transformers keeps a dict as it is and looks templates up by name.
        byName
            .members()
            .forEach((name, value) -> {
              if (value instanceof JsonValue.JsonString text) {
                findings.addAll(
                    ChatTemplateRules.judge(
                        rules, "chat_template " + Untrusted.quote(name), text.value()));
              }
            });
      }
    }
    findings.sort(Comparator.comparing(Finding::severity));
    return new ScanResult(findings, true);
  }

  /** One {@code {"name": ..., "template": ...}} of a list of named templates. */
  private void named(JsonValue item, List<Finding> findings) {
    if (!(item instanceof JsonValue.JsonObject entry)) {
      return;
    }
    String name = entry.members().get("name") instanceof JsonValue.JsonString s ? s.value() : "";
    if (entry.members().get("template") instanceof JsonValue.JsonString text) {
      findings.addAll(
          ChatTemplateRules.judge(rules, "chat_template " + Untrusted.quote(name), text.value()));
    }
  }

  /** Scans a whole text file as one Jinja template (position to limit). */
  public ScanResult scanTemplate(ByteBuffer data) {
    int length = Math.min(data.remaining(), ChatTemplateRules.MAX_TEMPLATE_CHARS * 4);
    byte[] bytes = new byte[length];
    data.duplicate().get(bytes);
    String template = new String(bytes, StandardCharsets.UTF_8);
    List<Finding> findings = new ArrayList<>(ChatTemplateRules.judge(rules, "template", template));
    findings.sort(Comparator.comparing(Finding::severity));
    return new ScanResult(findings, length == data.remaining());
  }

  private ScanResult unreadable(String detail) {
    Finding finding =
        rules
            .rule(FormatRule.GGUF_TEMPLATE_UNREADABLE.id())
            .finding(new Location(List.of("chat_template"), 0), "json", detail);
    return new ScanResult(List.of(finding), false);
  }
}
