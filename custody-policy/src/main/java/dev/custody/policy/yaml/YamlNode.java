package dev.custody.policy.yaml;

import java.util.List;

/** A node of a YAML document with its place in the file: a closed set, switched on exhaustively. */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

  /** Where the node starts. */
  Mark mark();

  /** What the node is, for messages: "a mapping", "a list", "a value". */
  String kind();

  /**
   * A mapping; keys are unique text, in document order.
   *
   * @param mark where it starts
   * @param entries its entries
   */
  record Mapping(Mark mark, List<Entry> entries) implements YamlNode {
    /** Copies the entries. */
    public Mapping {
      entries = List.copyOf(entries);
    }

    @Override
    public String kind() {
      return "a mapping";
    }
  }

  /**
   * One key and its value.
   *
   * @param key the key text
   * @param keyMark where the key is
   * @param value the value
   */
  record Entry(String key, Mark keyMark, YamlNode value) {}

  /**
   * A sequence (a list).
   *
   * @param mark where it starts
   * @param items its items
   */
  record Sequence(Mark mark, List<YamlNode> items) implements YamlNode {
    /** Copies the items. */
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /**
   * A scalar, as written (YAML's implicit typing is left to the reader of the tree, which knows
   * what each field should be: {@code yes} stays text until a boolean is wanted).
   *
   * @param mark where it starts
   * @param text the scalar's text; empty for an empty value, {@code ~} or {@code null}
   * @param isNull whether it was written as null ({@code ~}, {@code null}) or left empty
   */
  record Scalar(Mark mark, String text, boolean isNull) implements YamlNode {
    @Override
    public String kind() {
      return isNull ? "empty" : "a value";
    }
  }
}
