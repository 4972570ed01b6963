package dev.custody.bom;

import dev.custody.format.huggingface.ModelCard;
import dev.custody.format.huggingface.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.data.DatasetChoice;
import org.cyclonedx.model.component.modelCard.ModelParameters;
import org.cyclonedx.model.component.modelCard.PerformanceMetric;
import org.cyclonedx.model.component.modelCard.QuantitativeAnalysis;
import org.jspecify.annotations.Nullable;

/**
 * The CycloneDX {@code modelCard}, filled only from what the card and config say: fields nobody
 * wrote stay out (no approach, no considerations), so a reader can trust what is there.
 */
final class ModelCardBuilder {
  private ModelCardBuilder() {}

  static Optional<org.cyclonedx.model.component.ModelCard> card(
      ModelCard card, @Nullable ModelConfig config, BomContents contents) {
    org.cyclonedx.model.component.ModelCard out = new org.cyclonedx.model.component.ModelCard();
    boolean any = false;
    ModelParameters parameters = parameters(card, config, contents);
    if (parameters != null) {
      out.setModelParameters(parameters);
      any = true;
    }
    if (!card.results().isEmpty()) {
      out.setQuantitativeAnalysis(analysis(card.results()));
      any = true;
    }
    List<Property> properties = properties(card, config);
    if (!properties.isEmpty()) {
      out.setProperties(properties);
      any = true;
    }
    return any ? Optional.of(out) : Optional.empty();
  }

  private static @Nullable ModelParameters parameters(
      ModelCard card, @Nullable ModelConfig config, BomContents contents) {
    ModelParameters parameters = new ModelParameters();
    boolean any = false;
    if (card.pipelineTag() != null) {
      parameters.setTask(card.pipelineTag());
      any = true;
    }
    if (config != null && config.modelType() != null) {
      parameters.setArchitectureFamily(config.modelType());
      any = true;
    }
    if (config != null && !config.architectures().isEmpty()) {
      parameters.setModelArchitecture(String.join(", ", config.architectures()));
      any = true;
    }
    if (!contents.datasets.isEmpty()) {
      List<DatasetChoice> datasets = new ArrayList<>();
      for (BomContents.Input dataset : contents.datasets) {
        DatasetChoice choice = new DatasetChoice();
        choice.setRef(CycloneDxWriter.datasetRef(dataset));
        datasets.add(choice);
      }
      parameters.setDatasets(datasets);
      any = true;
    }
    return any ? parameters : null;
  }

  private static QuantitativeAnalysis analysis(List<ModelCard.EvalResult> results) {
    List<PerformanceMetric> metrics = new ArrayList<>();
    for (ModelCard.EvalResult result : results) {
      PerformanceMetric metric = new PerformanceMetric();
      metric.setType(result.metricType());
      metric.setValue(result.value());
      String slice = slice(result);
      if (slice != null) {
        metric.setSlice(slice);
      }
      metrics.add(metric);
    }
    QuantitativeAnalysis analysis = new QuantitativeAnalysis();
    analysis.setPerformanceMetrics(metrics);
    return analysis;
  }

  /** The data the metric was measured on: {@code imdb (test)}. */
  private static @Nullable String slice(ModelCard.EvalResult result) {
    String dataset = result.datasetName();
    String split = result.datasetSplit();
    if (dataset == null) {
      return split;
    }
    return split == null ? dataset : dataset + " (" + split + ")";
  }

  /** What CycloneDX's model card has no field for: languages, metric names, config fields. */
  private static List<Property> properties(ModelCard card, @Nullable ModelConfig config) {
    List<Property> properties = new ArrayList<>();
    for (String language : card.languages()) {
      properties.add(new Property("custody:huggingface:language", language));
    }
    for (String metric : card.metrics()) {
      properties.add(new Property("custody:huggingface:metric", metric));
    }
    if (config != null) {
      add(properties, "custody:config:torch_dtype", config.torchDtype());
      add(properties, "custody:config:transformers_version", config.transformersVersion());
      for (Map.Entry<String, String> dimension : config.dimensions().entrySet()) {
        properties.add(new Property("custody:config:" + dimension.getKey(), dimension.getValue()));
      }
    }
    return properties;
  }

  private static void add(List<Property> properties, String name, @Nullable String value) {
    if (value != null) {
      properties.add(new Property(name, value));
    }
  }
}
