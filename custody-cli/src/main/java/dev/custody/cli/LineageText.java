package dev.custody.cli;

import dev.custody.internal.Untrusted;
import dev.custody.lineage.Lineage;
import dev.custody.lineage.LineageNode;
import dev.custody.lineage.Link;
import java.util.List;

/**
 * {@code custody lineage} as a tree for people: one line per artifact, one indented line per link
 * under it, broken links marked {@code BROKEN} with the reason.
 */
final class LineageText {
  private LineageText() {}

  static String render(Lineage lineage) {
    StringBuilder out = new StringBuilder();
    lineage
        .up()
        .ifPresent(up -> {
          out.append("Made from (up):\n");
          node(up, "", true, true, out);
        });
    lineage
        .down()
        .ifPresent(down -> {
          if (!out.isEmpty()) {
            out.append('\n');
          }
          out.append("Made into (down):\n");
          node(down, "", true, true, out);
        });
    int broken = lineage.brokenLinks();
    out.append('\n')
        .append(
            broken == 0
                ? "Every link verified.\n"
                : broken + (broken == 1 ? " link is" : " links are") + " broken.\n");
    return out.toString();
  }

  private static void node(
      LineageNode node, String indent, boolean last, boolean root, StringBuilder out) {
    String branch = root ? "" : last ? "`-- " : "|-- ";
    out.append(indent)
        .append(branch)
        .append(node.role().wireName())
        .append("  ")
        .append(Untrusted.quote(node.name()))
        .append("  ")
        .append(node.digest())
        .append('\n');
    String inner = indent + (root ? "" : last ? "    " : "|   ");
    for (Link link : node.links()) {
      out.append(inner).append("    ").append(describe(link)).append('\n');
    }
    List<LineageNode> next = node.next();
    for (int i = 0; i < next.size(); i++) {
      node(next.get(i), inner, i == next.size() - 1, false, out);
    }
  }

  static String describe(Link link) {
    return switch (link) {
      case Link.Verified v ->
          "verified: signed by "
              + Untrusted.escape(v.signer())
              + ", builder "
              + Untrusted.quote(v.builder());
      case Link.Missing m -> "BROKEN missing-attestation: the store has no attestation of it";
      case Link.Unverifiable u ->
          "BROKEN unverifiable-signature ("
              + u.reason()
              + "): "
              + Untrusted.escape(u.detail())
              + " [attestation "
              + u.attestation()
              + "]";
      case Link.DigestMismatch d ->
          "BROKEN digest-mismatch: "
              + Untrusted.escape(d.detail())
              + " [attestation "
              + d.attestation()
              + "]";
      case Link.Cycle c -> "BROKEN cycle: " + c.artifact() + " is already on this path";
      case Link.LimitReached l -> "BROKEN limit-reached: " + l.detail() + "; not walked further";
    };
  }
}
