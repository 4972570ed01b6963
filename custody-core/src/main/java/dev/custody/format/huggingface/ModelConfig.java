package dev.custody.format.huggingface;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The architecture fields of a Hugging Face {@code config.json}, as written.
 *
 * @param architectures {@code architectures}, e.g. {@code BertForSequenceClassification}
 * @param modelType {@code model_type}, e.g. {@code bert}
 * @param torchDtype {@code torch_dtype} (or the newer {@code dtype}), e.g. {@code float32}
 * @param transformersVersion {@code transformers_version}
 * @param dimensions the size fields present ({@code hidden_size}, {@code num_hidden_layers}...), by
 *     name, each number exactly as written
 */
public record ModelConfig(
    List<String> architectures,
    @Nullable String modelType,
    @Nullable String torchDtype,
    @Nullable String transformersVersion,
    SortedMap<String, String> dimensions) {

  /** Copies the collections. */
  public ModelConfig {
    architectures = List.copyOf(architectures);
    dimensions = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
  }

  /** A config with these fields (a convenience for callers with a plain map). */
  public static ModelConfig of(
      List<String> architectures,
      @Nullable String modelType,
      @Nullable String torchDtype,
      @Nullable String transformersVersion,
      Map<String, String> dimensions) {
    return new ModelConfig(
        architectures, modelType, torchDtype, transformersVersion, new TreeMap<>(dimensions));
  }
}
