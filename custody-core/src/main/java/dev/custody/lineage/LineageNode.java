package dev.custody.lineage;

import dev.custody.model.Digest;
import java.util.List;

/**
 * One artifact of a lineage tree, with the links that connect it to the walk and the artifacts
 * after it (its inputs walking up, what was made from it walking down).
 *
 * @param digest its root digest
 * @param name its name as the attestations give it, or its digest
 * @param role what it is to the artifact before it
 * @param links walking up, each attestation about it; walking down, the attestation that made it
 *     from the artifact before; empty for a dataset nobody attested (datasets need not be)
 * @param next the artifacts after it
 */
public record LineageNode(
    Digest digest, String name, Role role, List<Link> links, List<LineageNode> next) {
  /** Copies the lists. */
  public LineageNode {
    links = List.copyOf(links);
    next = List.copyOf(next);
  }

  /** How many broken links this node and everything after it hold. */
  public int brokenLinks() {
    int count = (int) links.stream().filter(Link::broken).count();
    for (LineageNode node : next) {
      count += node.brokenLinks();
    }
    return count;
  }
}
