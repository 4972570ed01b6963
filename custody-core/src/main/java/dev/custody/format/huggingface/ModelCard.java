package dev.custody.format.huggingface;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a Hugging Face model card's front matter says about the model, as written (nothing is looked
 * up or guessed). Every list keeps the card's order and may be empty.
 *
 * @param licenses the licence key of the card (one or a list), as written, e.g. {@code apache-2.0}
 * @param datasets {@code datasets}: dataset ids, e.g. {@code imdb}
 * @param baseModels {@code base_model} (one or a list)
 * @param pipelineTag {@code pipeline_tag}, the task, e.g. {@code text-classification}
 * @param languages the language key of the card (one or a list)
 * @param metrics {@code metrics}: metric names
 * @param modelName the first {@code model-index} entry's {@code name}
 * @param results the evaluation results of {@code model-index}
 */
public record ModelCard(
    List<String> licenses,
    List<String> datasets,
    List<String> baseModels,
    @Nullable String pipelineTag,
    List<String> languages,
    List<String> metrics,
    @Nullable String modelName,
    List<EvalResult> results) {

  /** A card with no front matter. */
  public static final ModelCard EMPTY =
      new ModelCard(List.of(), List.of(), List.of(), null, List.of(), List.of(), null, List.of());

  /** Copies the lists. */
  public ModelCard {
    licenses = List.copyOf(licenses);
    datasets = List.copyOf(datasets);
    baseModels = List.copyOf(baseModels);
    languages = List.copyOf(languages);
    metrics = List.copyOf(metrics);
    results = List.copyOf(results);
  }

  /**
   * One reported metric from {@code model-index[].results[]}.
   *
   * @param taskType {@code task.type}, e.g. {@code text-classification}
   * @param datasetName {@code dataset.name} or, failing that, {@code dataset.type}
   * @param datasetSplit {@code dataset.split}
   * @param metricType {@code metrics[].type}, e.g. {@code accuracy}
   * @param value {@code metrics[].value}, exactly as written
   */
  public record EvalResult(
      @Nullable String taskType,
      @Nullable String datasetName,
      @Nullable String datasetSplit,
      String metricType,
      String value) {}
}
