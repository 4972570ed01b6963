package dev.custody.cli;

import dev.custody.lineage.Lineage;
import dev.custody.lineage.LineageNode;
import dev.custody.lineage.Link;
import dev.custody.model.Digest;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code custody lineage --format dot}: a Graphviz digraph with one node per artifact (the same
 * artifact reached twice is one node) and one edge per link, from what was used to what was made; a
 * broken link is red and dashed, labelled with its state. Every text is a quoted DOT string.
 */
final class LineageDot {
  private LineageDot() {}

  static String render(Lineage lineage) {
    Set<String> nodes = new LinkedHashSet<>();
    Set<String> edges = new LinkedHashSet<>();
    lineage.up().ifPresent(up -> walkUp(up, nodes, edges));
    lineage.down().ifPresent(down -> walkDown(down, nodes, edges));
    StringBuilder out =
        new StringBuilder("digraph lineage {\n  rankdir=BT;\n  node [shape=box];\n");
    nodes.forEach(n -> out.append("  ").append(n).append('\n'));
    edges.forEach(e -> out.append("  ").append(e).append('\n'));
    return out.append("}\n").toString();
  }

  /** Walking up, an edge goes from each input to the node made from it. */
  private static void walkUp(LineageNode node, Set<String> nodes, Set<String> edges) {
    nodes.add(declare(node));
    for (LineageNode input : node.next()) {
      nodes.add(declare(input));
      edges.add(edge(input.digest(), node.digest(), state(node)));
      walkUp(input, nodes, edges);
    }
    Link broken = brokenLink(node);
    if (broken != null) {
      // Its own attestation is broken, so nothing below it was walked: mark the artifact.
      nodes.add(id(node.digest()) + " [color=red, xlabel=" + quote(broken.state()) + "];");
    }
  }

  /** Walking down, each derived node carries the link that made it from its parent. */
  private static void walkDown(LineageNode node, Set<String> nodes, Set<String> edges) {
    nodes.add(declare(node));
    for (LineageNode derived : node.next()) {
      nodes.add(declare(derived));
      edges.add(edge(node.digest(), derived.digest(), state(derived)));
      walkDown(derived, nodes, edges);
    }
  }

  private static String state(LineageNode node) {
    Link broken = brokenLink(node);
    return broken == null ? "verified" : broken.state();
  }

  private static @org.jspecify.annotations.Nullable Link brokenLink(LineageNode node) {
    return node.links().stream().filter(Link::broken).findFirst().orElse(null);
  }

  private static String declare(LineageNode node) {
    return id(node.digest())
        + " [label="
        + quote(node.name() + "\n" + node.role().wireName() + "\n" + shortDigest(node.digest()))
        + "];";
  }

  private static String edge(Digest from, Digest to, String state) {
    String style = state.equals("verified") ? "" : ", color=red, style=dashed";
    return id(from) + " -> " + id(to) + " [label=" + quote(state) + style + "];";
  }

  private static String id(Digest digest) {
    return quote(digest.toString());
  }

  private static String shortDigest(Digest digest) {
    return digest.algorithm().omsName() + ":" + digest.hex().substring(0, 12);
  }

  /** A DOT quoted string: backslashes and quotes escaped, control characters dropped. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.codePoints()
        .forEach(c -> {
          if (c == '"' || c == '\\') {
            out.append('\\').appendCodePoint(c);
          } else if (c == '\n') {
            out.append("\\n");
          } else if (c >= 0x20 && c != 0x7f) {
            out.appendCodePoint(c);
          }
        });
    return out.append('"').toString();
  }
}
