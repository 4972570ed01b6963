package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Severity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hugging Face chat templates: the standard templates in {@code tokenizer_config.json}, {@code
 * chat_template.json} and {@code chat_template.jinja} are clean; every sandbox escape caught in a
 * GGUF template is caught there too, with the same rule and severity; other JSON and text stay
 * inert.
 */
class ChatTemplateTechniquesTest {
  /** A JSON string literal. */
  static String json(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** A tokenizer_config.json as transformers writes it (keys sorted, two-space indent). */
  static byte[] tokenizerConfig(String templateValue) {
    String config =
        "{\n"
            + "  \"add_bos_token\": true,\n"
            + "  \"add_eos_token\": false,\n"
            + "  \"added_tokens_decoder\": {\n"
            + "    \"128000\": {\n"
            + "      \"content\": \"<|begin_of_text|>\",\n"
            + "      \"lstrip\": false,\n"
            + "      \"normalized\": false,\n"
            + "      \"rstrip\": false,\n"
            + "      \"single_word\": false,\n"
            + "      \"special\": true\n"
            + "    }\n"
            + "  },\n"
            + "  \"bos_token\": \"<|begin_of_text|>\",\n"
            + "  \"chat_template\": "
            + templateValue
            + ",\n"
            + "  \"clean_up_tokenization_spaces\": true,\n"
            + "  \"eos_token\": \"<|eot_id|>\",\n"
            + "  \"model_input_names\": [\"input_ids\", \"attention_mask\"],\n"
            + "  \"model_max_length\": 131072,\n"
            + "  \"tokenizer_class\": \"PreTrainedTokenizerFast\"\n"
            + "}\n";
    return config.getBytes(StandardCharsets.UTF_8);
  }

  private static ScanResult scanJson(byte[] json) {
    assertThat(FormatDetector.detect(json)).isEqualTo(ModelFormat.CHAT_TEMPLATE_JSON);
    return ChatTemplateScanner.standard().scanJson(ByteBuffer.wrap(json));
  }

  private static ScanResult scanJinja(String template) {
    byte[] bytes = template.getBytes(StandardCharsets.UTF_8);
    assertThat(FormatDetector.detect(bytes)).isEqualTo(ModelFormat.JINJA_TEMPLATE);
    return ChatTemplateScanner.standard().scanTemplate(ByteBuffer.wrap(bytes));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "llama-3.jinja",
        "llama-3.1-tools.jinja",
        "chatml.jinja",
        "mistral-instruct.jinja",
        "qwen2.5.jinja",
        "gemma.jinja",
        "phi-3.jinja"
      })
  void standardTemplatesAreCleanInEveryForm(String name) throws IOException {
    String template = GgufTechniquesTest.template(name);
    ScanResult inConfig = scanJson(tokenizerConfig(json(template)));
    assertThat(inConfig.findings()).as(name).isEmpty();
    assertThat(inConfig.completed()).isTrue();
    byte[] chatTemplateJson =
        ("{\n  \"chat_template\": " + json(template) + "\n}\n").getBytes(StandardCharsets.UTF_8);
    assertThat(scanJson(chatTemplateJson).findings()).as(name).isEmpty();
    ScanResult jinja = scanJinja(template);
    assertThat(jinja.findings()).as(name).isEmpty();
    assertThat(jinja.completed()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.custody.scan.GgufTechniquesTest#escapes")
  void escapesInTokenizerConfigAreCaughtAsInGguf(
      String name, String template, String rule, Severity severity, String subject) {
    ScanResult result = scanJson(tokenizerConfig(json(template)));
    assertThat(result.findings())
        .as("%s: %s", name, result.findings())
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo(rule);
          assertThat(f.severity()).isEqualTo(severity);
          assertThat(f.subject()).isEqualTo(subject);
          assertThat(f.location().containers()).containsExactly("chat_template");
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.custody.scan.GgufTechniquesTest#escapes")
  void escapesInChatTemplateJinjaAreCaught(
      String name, String template, String rule, Severity severity, String subject) {
    // A payload-only file need not look like a chat template: it starts with a tag.
    ScanResult result = scanJinja(template);
    assertThat(result.findings())
        .as("%s: %s", name, result.findings())
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo(rule);
          assertThat(f.severity()).isEqualTo(severity);
        });
  }

  @Test
  void namedTemplateListIsAnalysedEntryByEntry() throws IOException {
    String list =
        "[{\"name\": \"default\", \"template\": "
            + json(GgufTechniquesTest.template("chatml.jinja"))
            + "}, {\"name\": \"tool_use\", \"template\": "
            + json("{{ cycler.__init__.__globals__.os.popen('id').read() }}")
            + "}]";
    ScanResult result = scanJson(tokenizerConfig(list));
    assertThat(result.findings())
        .filteredOn(f -> f.severity() == Severity.CRITICAL)
        .extracting(f -> f.location().containers().get(0))
        .containsOnly("chat_template 'tool_use'");
  }

  @Test
  void templatesKeyedByNameAreAnalysedToo() {
    String byName =
        "{\"default\": \"{{ messages }}\", \"rag\": " + json("{{ joiner.__init__ }}") + "}";
    ScanResult result = scanJson(tokenizerConfig(byName));
    assertThat(result.findings())
        .filteredOn(f -> f.severity() == Severity.CRITICAL)
        .extracting(f -> f.location().containers().get(0))
        .containsOnly("chat_template 'rag'");
  }

  @Test
  void keyWrittenWithEscapesIsStillFound() {
    String config = "{\"chat\\u005ftemplate\": " + json("{{ x.__class__ }}") + "}";
    ScanResult result = scanJson(config.getBytes(StandardCharsets.UTF_8));
    assertThat(result.findings()).extracting(f -> f.rule().value()).contains("GGUF-002");
  }

  @Test
  void duplicateChatTemplateKeysLeaveTheScanIncomplete() throws IOException {
    // Python's json keeps the last of two keys; a reader keeping the first would see the benign
    // one.
    String config =
        "{\"chat_template\": "
            + json(GgufTechniquesTest.template("chatml.jinja"))
            + ", \"chat_template\": "
            + json("{{ lipsum.__globals__.os.popen('id').read() }}")
            + "}";
    ScanResult result = scanJson(config.getBytes(StandardCharsets.UTF_8));
    assertThat(result.completed()).isFalse();
    assertThat(result.findings()).extracting(f -> f.rule().value()).containsExactly("GGUF-007");
  }

  @Test
  void otherJsonAndTextStayInert() {
    assertThat(detect("{\"architectures\": [\"LlamaForCausalLM\"], \"hidden_size\": 4096}"))
        .isEqualTo(ModelFormat.JSON);
    assertThat(detect("{\"processor\": {\"chat_template\": \"{{ x }}\"}}"))
        .as("not at the top level")
        .isEqualTo(ModelFormat.JSON);
    assertThat(detect("{\"note\": \"\\\"chat_template\\\": 1\"}")).isEqualTo(ModelFormat.JSON);
    assertThat(detect("[{\"chat_template\": \"x\"}]")).isEqualTo(ModelFormat.JSON);
    assertThat(detect("# Model card\n\nUse `{{ messages }}`? No: see the docs.\n"))
        .as("a README naming messages next to braces is still a template-shaped text")
        .isEqualTo(ModelFormat.JINJA_TEMPLATE);
    assertThat(detect("# Model card\n\nThe messages are formatted by the tokenizer.\n"))
        .isEqualTo(ModelFormat.TEXT);
    assertThat(detect("def f(x):\n    return f\"{{{x}}}\"\n")).isEqualTo(ModelFormat.TEXT);
  }

  private static ModelFormat detect(String text) {
    return FormatDetector.detect(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void scannerReportsTemplatesAndLeavesOtherConfigsAlone(@TempDir Path dir)
      throws IOException, ScanException {
    Files.write(
        dir.resolve("tokenizer_config.json"),
        tokenizerConfig(json("{{ ().__class__.__base__.__subclasses__() }}")));
    Files.writeString(
        dir.resolve("chat_template.jinja"), GgufTechniquesTest.template("llama-3.jinja"));
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\"}\n");
    ScanReport report = Scanner.standard().scan(List.of(dir));
    assertThat(report.files())
        .extracting(r -> r.path().getFileName() + " " + r.format().label() + " " + r.verdict())
        .containsExactlyInAnyOrder(
            "chat_template.jinja jinja-template CLEAN",
            "config.json json NOT_A_MODEL",
            "tokenizer_config.json chat-template-json FINDINGS");
  }
}
