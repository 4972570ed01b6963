package dev.custody.policy.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.custody.internal.Untrusted;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads one YAML document into a {@link YamlNode} tree. Refused, with the line and column: more
 * than the {@link YamlLimits}, duplicate keys, anchors, aliases, explicit tags, keys that are not
 * plain text, and a second document. Total: any bytes give a tree or a {@link
 * MalformedYamlException}.
 */
public final class YamlReader {
  private static final Mark START = new Mark(1, 1);

  private final YAMLParser parser;
  private final YamlLimits limits;
  private int nodes;

  private YamlReader(YAMLParser parser, YamlLimits limits) {
    this.parser = parser;
    this.limits = limits;
  }

  /**
   * Reads {@code yaml} (UTF-8).
   *
   * @throws MalformedYamlException saying where the document breaks a rule or a limit
   */
  public static YamlNode read(byte[] yaml, YamlLimits limits) throws MalformedYamlException {
    if (yaml.length > limits.maxBytes()) {
      throw new MalformedYamlException(
          START,
          "the file is " + yaml.length + " bytes, more than the limit of " + limits.maxBytes());
    }
    try (YAMLParser parser = factory(limits).createParser(yaml)) {
      YamlReader reader = new YamlReader(parser, limits);
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new MalformedYamlException(START, "the file is empty (expected a mapping)");
      }
      YamlNode root = reader.node(first, 1);
      JsonToken after = parser.nextToken();
      if (after != null) {
        throw reader.error("a second document (---); a policy file holds exactly one");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new MalformedYamlException(mark(e.getLocation()), describe(e.getOriginalMessage()));
    } catch (MarkedYAMLException e) {
      // SnakeYAML's scanner and parser errors arrive unwrapped, with a 0-based mark.
      throw new MalformedYamlException(markOf(e), "not valid YAML: " + describe(e.getProblem()));
    } catch (YAMLException e) {
      throw new MalformedYamlException(START, "not valid YAML: " + describe(e.getMessage()));
    } catch (IOException e) {
      throw new MalformedYamlException(START, "could not be read: " + describe(e.getMessage()));
    }
  }

  private static YAMLFactory factory(YamlLimits limits) {
    LoaderOptions loader = new LoaderOptions();
    loader.setAllowDuplicateKeys(false);
    loader.setMaxAliasesForCollections(1);
    loader.setNestingDepthLimit(limits.maxDepth());
    loader.setCodePointLimit(limits.maxBytes());
    loader.setAllowRecursiveKeys(false);
    return YAMLFactory.builder()
        .loaderOptions(loader)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxStringLength(limits.maxBytes())
                .maxDocumentLength(limits.maxBytes())
                .maxNameLength(1024)
                .build())
        .build();
  }

  private YamlNode node(JsonToken token, int depth) throws IOException, MalformedYamlException {
    if (++nodes > limits.maxNodes()) {
      throw error("more than " + limits.maxNodes() + " values");
    }
    if (depth > limits.maxDepth()) {
      throw error("nested more than " + limits.maxDepth() + " levels deep");
    }
    refuseYamlFeatures();
    Mark mark = here();
    return switch (token) {
      case START_OBJECT -> mapping(mark, depth);
      case START_ARRAY -> sequence(mark, depth);
      case VALUE_NULL -> new YamlNode.Scalar(mark, "", true);
      case VALUE_STRING,
          VALUE_NUMBER_INT,
          VALUE_NUMBER_FLOAT,
          VALUE_TRUE,
          VALUE_FALSE,
          VALUE_EMBEDDED_OBJECT ->
          new YamlNode.Scalar(mark, parser.getText(), false);
      case END_OBJECT, END_ARRAY, FIELD_NAME, NOT_AVAILABLE -> throw error("unexpected " + token);
    };
  }

  private void refuseYamlFeatures() throws IOException, MalformedYamlException {
    if (parser.isCurrentAlias()) {
      throw error("an alias (*name); policy files may not use anchors or aliases");
    }
    if (parser.getObjectId() != null) {
      throw error("an anchor (&name); policy files may not use anchors or aliases");
    }
    @Nullable Object tag = parser.getTypeId();
    if (tag != null) {
      throw error(
          "an explicit tag ("
              + Untrusted.escape(tag.toString())
              + "); policy files hold plain text, lists and mappings");
    }
  }

  private YamlNode mapping(Mark mark, int depth) throws IOException, MalformedYamlException {
    List<YamlNode.Entry> entries = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; ) {
      if (token != JsonToken.FIELD_NAME) {
        throw error("expected a key");
      }
      Mark keyMark = here();
      String key = parser.currentName();
      if (key == null || !keys.add(key)) {
        throw error("the key " + Untrusted.quote(String.valueOf(key)) + " appears twice");
      }
      JsonToken valueToken = parser.nextToken();
      if (valueToken == null) {
        throw error("the document ends early");
      }
      entries.add(new YamlNode.Entry(key, keyMark, node(valueToken, depth + 1)));
      token = parser.nextToken();
      if (token == null) {
        throw error("the document ends early");
      }
    }
    return new YamlNode.Mapping(mark, entries);
  }

  private YamlNode sequence(Mark mark, int depth) throws IOException, MalformedYamlException {
    List<YamlNode> items = new ArrayList<>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; ) {
      if (token == null) {
        throw error("the document ends early");
      }
      items.add(node(token, depth + 1));
      token = parser.nextToken();
    }
    return new YamlNode.Sequence(mark, items);
  }

  private Mark here() {
    return mark(parser.currentTokenLocation());
  }

  private MalformedYamlException error(String what) {
    return new MalformedYamlException(here(), what);
  }

  private static Mark mark(@Nullable JsonLocation location) {
    if (location == null || location.getLineNr() < 1 || location.getColumnNr() < 1) {
      return START;
    }
    return new Mark(location.getLineNr(), location.getColumnNr());
  }

  private static Mark markOf(MarkedYAMLException e) {
    org.yaml.snakeyaml.error.Mark problem = e.getProblemMark();
    return problem == null ? START : new Mark(problem.getLine() + 1, problem.getColumn() + 1);
  }

  private static String describe(@Nullable String message) {
    String text = message == null ? "unreadable" : message;
    int cut = text.indexOf('\n');
    return Untrusted.escape(cut < 0 ? text : text.substring(0, cut));
  }
}
