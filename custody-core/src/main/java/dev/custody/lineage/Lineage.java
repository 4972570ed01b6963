package dev.custody.lineage;

import java.util.Optional;

/**
 * The result of a walk from one model.
 *
 * @param direction which way it was walked
 * @param up the tree of what the model was made from, when walked up
 * @param down the tree of what was made from it, when walked down (its root's links are empty: the
 *     model's own attestations are in {@code up})
 */
public record Lineage(Direction direction, Optional<LineageNode> up, Optional<LineageNode> down) {
  /** How many links are broken, both ways. */
  public int brokenLinks() {
    return up.map(LineageNode::brokenLinks).orElse(0)
        + down.map(LineageNode::brokenLinks).orElse(0);
  }
}
