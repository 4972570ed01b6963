package dev.custody.format.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelConfigReaderTest {
  private static ModelConfig read(String json) throws MalformedMetadataException {
    return ModelConfigReader.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsArchitectureFields() throws Exception {
    ModelConfig config =
        read(
            """
            {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 4096,
             "num_hidden_layers": 32, "rope_theta": 10000.0, "torch_dtype": "bfloat16",
             "transformers_version": "4.40.0", "vocab_size": 32000}
            """);

    assertThat(config.architectures()).containsExactly("LlamaForCausalLM");
    assertThat(config.modelType()).isEqualTo("llama");
    assertThat(config.torchDtype()).isEqualTo("bfloat16");
    assertThat(config.transformersVersion()).isEqualTo("4.40.0");
    assertThat(config.dimensions())
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(
                Map.of("hidden_size", "4096", "num_hidden_layers", "32", "vocab_size", "32000")));
  }

  @Test
  void nullsAreAbsentAndTheNewerDtypeNameCounts() throws Exception {
    ModelConfig config = read("{\"architectures\": null, \"dtype\": \"float16\"}");

    assertThat(config.architectures()).isEmpty();
    assertThat(config.torchDtype()).isEqualTo("float16");
  }

  @Test
  void refusesWrongTypesWithTheFieldName() {
    assertThatThrownBy(() -> read("{\"architectures\": \"Bert\"}"))
        .isInstanceOf(MalformedMetadataException.class)
        .hasMessage("config.json field architectures is a string; expected a list of class names");
    assertThatThrownBy(() -> read("{\"hidden_size\": \"big\"}"))
        .hasMessageContaining("hidden_size is a string; expected a number");
    assertThatThrownBy(() -> read("[1]")).hasMessageContaining("expected an object");
  }

  @Test
  void refusesWhatTheStrictJsonReaderRefuses() {
    assertThatThrownBy(() -> read("{\"a\": 1, \"a\": 2}"))
        .hasMessageContaining("config.json is not valid");
    assertThatThrownBy(() -> read("{\"model_type\": \"x\"} trailing"))
        .hasMessageContaining("config.json is not valid");
  }

  @Test
  void refusesControlCharactersInNames() {
    assertThatThrownBy(() -> read("{\"model_type\": \"bert\\u001b[2J\"}"))
        .hasMessageContaining("expected a short single-line name");
  }
}
