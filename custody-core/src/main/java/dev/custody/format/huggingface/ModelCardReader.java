package dev.custody.format.huggingface;

import dev.custody.internal.Untrusted;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads the YAML front matter of a Hugging Face model card (the block between the {@code ---} lines
 * at the top of {@code README.md}) into a {@link ModelCard}.
 *
 * <p>SnakeYAML only <em>composes</em> the YAML into a node graph: no object is constructed, so no
 * tag can name a class. Its own limits cap code points, nesting and aliases to collections (the
 * billion-laughs bound); this reader then walks the graph once under a node budget and a depth
 * limit (which also stops self-referencing aliases), refuses tags outside the YAML core schema and
 * duplicate keys, and keeps only the fields a BOM reports. A README without front matter is an
 * {@link ModelCard#EMPTY empty} card, not an error.
 */
public final class ModelCardReader {
  private static final Set<Tag> CORE_TAGS =
      Set.of(
          Tag.STR,
          Tag.INT,
          Tag.FLOAT,
          Tag.BOOL,
          Tag.NULL,
          Tag.SEQ,
          Tag.MAP,
          Tag.TIMESTAMP,
          Tag.MERGE);

  private final ModelCardLimits limits;
  private final FieldReader fields;

  private ModelCardReader(ModelCardLimits limits) {
    this.limits = limits;
    this.fields = new FieldReader(limits);
  }

  /**
   * Reads the card in {@code readme} (UTF-8).
   *
   * @throws MalformedMetadataException if the card is not UTF-8, its front matter never ends, is
   *     not YAML within the limits, or a field this reader keeps has the wrong shape
   */
  public static ModelCard read(byte[] readme, ModelCardLimits limits)
      throws MalformedMetadataException {
    if (readme.length > limits.maxBytes()) {
      throw new MalformedMetadataException(
          "the model card is "
              + readme.length
              + " bytes, more than the limit of "
              + limits.maxBytes()
              + "; give a smaller card with --model-card");
    }
    String frontMatter = FrontMatter.extract(Utf8.decode(readme, "the model card"));
    if (frontMatter == null) {
      return ModelCard.EMPTY;
    }
    int size = frontMatter.getBytes(StandardCharsets.UTF_8).length;
    if (size > limits.maxFrontMatterBytes()) {
      throw new MalformedMetadataException(
          "the model card's front matter is "
              + size
              + " bytes, more than the limit of "
              + limits.maxFrontMatterBytes());
    }
    return new ModelCardReader(limits).parse(frontMatter);
  }

  private ModelCard parse(String frontMatter) throws MalformedMetadataException {
    Node root = compose(frontMatter);
    if (root == null) {
      return ModelCard.EMPTY;
    }
    checkGraph(root);
    if (!(root instanceof MappingNode mapping)) {
      throw new MalformedMetadataException(
          "the model card's front matter is not a mapping of field names to values"
              + at(root.getStartMark()));
    }
    return card(mapping);
  }

  private @Nullable Node compose(String text) throws MalformedMetadataException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setNestingDepthLimit(limits.maxDepth());
    options.setCodePointLimit(limits.maxFrontMatterBytes());
    options.setProcessComments(false);
    options.setWrappedToRootException(false);
    DumperOptions dumper = new DumperOptions();
    Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    try {
      return yaml.compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw new MalformedMetadataException(
          "the model card's front matter is not valid YAML: "
              + Untrusted.escape(String.valueOf(e.getProblem()))
              + at(e.getProblemMark()),
          e);
    } catch (YAMLException e) {
      throw new MalformedMetadataException(
          "the model card's front matter is refused: "
              + Untrusted.escape(String.valueOf(e.getMessage())),
          e);
    }
  }

  /** Visits every node once per path, within the depth and node budget, checking tags and keys. */
  private void checkGraph(Node root) throws MalformedMetadataException {
    int[] visited = {0};
    check(root, 1, visited);
  }

  private void check(Node node, int depth, int[] visited) throws MalformedMetadataException {
    if (depth > limits.maxDepth()) {
      throw new MalformedMetadataException(
          "the model card's front matter nests deeper than "
              + limits.maxDepth()
              + " levels (or an alias refers to itself)"
              + at(node.getStartMark()));
    }
    if (++visited[0] > limits.maxNodes()) {
      throw new MalformedMetadataException(
          "the model card's front matter has more than "
              + limits.maxNodes()
              + " values, counting repeats through aliases");
    }
    if (!CORE_TAGS.contains(node.getTag())) {
      throw new MalformedMetadataException(
          "the model card's front matter uses the tag "
              + Untrusted.quote(node.getTag().getValue())
              + at(node.getStartMark())
              + "; only plain YAML values (strings, numbers, lists, mappings) are allowed");
    }
    switch (node) {
      case MappingNode mapping -> checkMapping(mapping, depth, visited);
      case SequenceNode sequence -> {
        for (Node item : sequence.getValue()) {
          check(item, depth + 1, visited);
        }
      }
      default -> {}
    }
  }

  private void checkMapping(MappingNode mapping, int depth, int[] visited)
      throws MalformedMetadataException {
    Set<String> keys = new HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node key = tuple.getKeyNode();
      check(key, depth + 1, visited);
      if (!(key instanceof ScalarNode scalar)) {
        throw new MalformedMetadataException(
            "the model card's front matter has a key that is not a plain name"
                + at(key.getStartMark()));
      }
      if (!keys.add(scalar.getValue())) {
        throw new MalformedMetadataException(
            "the model card's front matter repeats the key "
                + Untrusted.quote(scalar.getValue())
                + at(key.getStartMark())
                + "; each field may appear once");
      }
      check(tuple.getValueNode(), depth + 1, visited);
    }
  }

  private ModelCard card(MappingNode root) throws MalformedMetadataException {
    String name = null;
    List<ModelCard.EvalResult> results = new ArrayList<>();
    Node index = FieldReader.field(root, "model-index");
    if (index != null && !FieldReader.isNull(index)) {
      List<MappingNode> entries = fields.mappings(index, "model-index");
      if (!entries.isEmpty()) {
        name = fields.string(FieldReader.field(entries.get(0), "name"), "model-index[0].name");
      }
      for (int i = 0; i < entries.size(); i++) {
        results.addAll(fields.results(entries.get(i), "model-index[" + i + "]"));
      }
    }
    return new ModelCard(
        fields.strings(FieldReader.field(root, "license"), "license"),
        fields.strings(FieldReader.field(root, "datasets"), "datasets"),
        fields.strings(FieldReader.field(root, "base_model"), "base_model"),
        fields.string(FieldReader.field(root, "pipeline_tag"), "pipeline_tag"),
        fields.strings(FieldReader.field(root, "language"), "language"),
        fields.strings(FieldReader.field(root, "metrics"), "metrics"),
        name,
        results);
  }

  static String at(@Nullable Mark mark) {
    return mark == null
        ? ""
        : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
  }
}
