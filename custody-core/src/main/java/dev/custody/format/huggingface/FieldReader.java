package dev.custody.format.huggingface;

import dev.custody.internal.Untrusted;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Typed access to the composed YAML graph; every shape mismatch names the field and its line. */
final class FieldReader {
  private final ModelCardLimits limits;

  FieldReader(ModelCardLimits limits) {
    this.limits = limits;
  }

  /** The value of {@code name} in {@code mapping}, or {@code null} when it is not there. */
  static @Nullable Node field(MappingNode mapping, String name) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
        return tuple.getValueNode();
      }
    }
    return null;
  }

  static boolean isNull(Node node) {
    return node.getTag().equals(Tag.NULL);
  }

  /** A string field; absent or null gives {@code null}, a blank string too. */
  @Nullable String string(@Nullable Node node, String path) throws MalformedMetadataException {
    if (node == null || isNull(node)) {
      return null;
    }
    if (!(node instanceof ScalarNode scalar)) {
      throw shape(node, path, "a single value");
    }
    return kept(scalar, path);
  }

  /** A field holding one string or a list of strings; absent or null gives an empty list. */
  List<String> strings(@Nullable Node node, String path) throws MalformedMetadataException {
    List<String> values = new ArrayList<>();
    if (node == null || isNull(node)) {
      return values;
    }
    if (node instanceof ScalarNode scalar) {
      String value = kept(scalar, path);
      if (value != null) {
        values.add(value);
      }
      return values;
    }
    if (!(node instanceof SequenceNode sequence)) {
      throw shape(node, path, "a value or a list of values");
    }
    checkCount(sequence, path);
    for (int i = 0; i < sequence.getValue().size(); i++) {
      Node item = sequence.getValue().get(i);
      if (isNull(item)) {
        continue;
      }
      if (!(item instanceof ScalarNode scalar)) {
        throw shape(item, path + "[" + i + "]", "a single value");
      }
      String value = kept(scalar, path + "[" + i + "]");
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  /** A list of mappings (an absent or null field is an empty list). */
  List<MappingNode> mappings(@Nullable Node node, String path) throws MalformedMetadataException {
    List<MappingNode> values = new ArrayList<>();
    if (node == null || isNull(node)) {
      return values;
    }
    if (!(node instanceof SequenceNode sequence)) {
      throw shape(node, path, "a list");
    }
    checkCount(sequence, path);
    for (int i = 0; i < sequence.getValue().size(); i++) {
      values.add(mapping(sequence.getValue().get(i), path + "[" + i + "]"));
    }
    return values;
  }

  /** A mapping, or {@code null} when absent or null. */
  @Nullable MappingNode optionalMapping(@Nullable Node node, String path)
      throws MalformedMetadataException {
    return node == null || isNull(node) ? null : mapping(node, path);
  }

  /** The metrics of one {@code model-index} entry's results. */
  List<ModelCard.EvalResult> results(MappingNode entry, String path)
      throws MalformedMetadataException {
    List<ModelCard.EvalResult> results = new ArrayList<>();
    List<MappingNode> blocks = mappings(field(entry, "results"), path + ".results");
    for (int i = 0; i < blocks.size(); i++) {
      String at = path + ".results[" + i + "]";
      MappingNode task = optionalMapping(field(blocks.get(i), "task"), at + ".task");
      MappingNode dataset = optionalMapping(field(blocks.get(i), "dataset"), at + ".dataset");
      String taskType = task == null ? null : string(field(task, "type"), at + ".task.type");
      String datasetName = dataset == null ? null : datasetName(dataset, at + ".dataset");
      String split =
          dataset == null ? null : string(field(dataset, "split"), at + ".dataset.split");
      List<MappingNode> metrics = mappings(field(blocks.get(i), "metrics"), at + ".metrics");
      for (int m = 0; m < metrics.size(); m++) {
        String metricPath = at + ".metrics[" + m + "]";
        String type = string(field(metrics.get(m), "type"), metricPath + ".type");
        String value = string(field(metrics.get(m), "value"), metricPath + ".value");
        if (type != null && value != null) {
          results.add(new ModelCard.EvalResult(taskType, datasetName, split, type, value));
        }
      }
      if (results.size() > limits.maxItems()) {
        throw new MalformedMetadataException(
            "the model card's " + path + " reports more than " + limits.maxItems() + " metrics");
      }
    }
    return results;
  }

  private @Nullable String datasetName(MappingNode dataset, String path)
      throws MalformedMetadataException {
    String name = string(field(dataset, "name"), path + ".name");
    return name != null ? name : string(field(dataset, "type"), path + ".type");
  }

  private MappingNode mapping(Node node, String path) throws MalformedMetadataException {
    if (!(node instanceof MappingNode mapping)) {
      throw shape(node, path, "a mapping");
    }
    return mapping;
  }

  private void checkCount(SequenceNode sequence, String path) throws MalformedMetadataException {
    if (sequence.getValue().size() > limits.maxItems()) {
      throw new MalformedMetadataException(
          "the model card's field "
              + path
              + " lists more than "
              + limits.maxItems()
              + " items"
              + ModelCardReader.at(sequence.getStartMark()));
    }
  }

  /** The scalar's text, checked: bounded, no control characters; blank gives {@code null}. */
  private @Nullable String kept(ScalarNode scalar, String path) throws MalformedMetadataException {
    String value = scalar.getValue().strip();
    if (value.isEmpty()) {
      return null;
    }
    if (value.codePointCount(0, value.length()) > limits.maxStringLength()) {
      throw new MalformedMetadataException(
          "the model card's field "
              + path
              + " is longer than "
              + limits.maxStringLength()
              + " characters"
              + ModelCardReader.at(scalar.getStartMark()));
    }
    if (value.codePoints().anyMatch(FieldReader::isControl)) {
      throw new MalformedMetadataException(
          "the model card's field "
              + path
              + " holds a control character ("
              + Untrusted.quote(value)
              + ")"
              + ModelCardReader.at(scalar.getStartMark())
              + "; names and ids are single-line text");
    }
    return value;
  }

  private static boolean isControl(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static MalformedMetadataException shape(Node node, String path, String expected) {
    return new MalformedMetadataException(
        "the model card's field "
            + path
            + " should be "
            + expected
            + ", not a "
            + node.getNodeId().name().toLowerCase(java.util.Locale.ROOT)
            + ModelCardReader.at(node.getStartMark()));
  }
}
