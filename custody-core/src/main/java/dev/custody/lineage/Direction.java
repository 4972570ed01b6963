package dev.custody.lineage;

/** Which way a lineage walk goes from the model it starts at. */
public enum Direction {
  /** Towards what it was made from: base models and datasets, and theirs. */
  UP,
  /** Towards what was made from it: fine-tunes, distillations, and theirs. */
  DOWN,
  /** Both ways. */
  BOTH;

  boolean up() {
    return this != DOWN;
  }

  boolean down() {
    return this != UP;
  }
}
