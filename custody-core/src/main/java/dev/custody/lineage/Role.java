package dev.custody.lineage;

/** What an artifact is to the one next to it in the walk. */
public enum Role {
  /** The model the walk starts at. */
  MODEL,
  /** A base model another model was fine-tuned or distilled from. */
  BASE_MODEL,
  /** A dataset a model was trained or evaluated on. */
  DATASET,
  /** A model made from the one before it (walking down). */
  DERIVED;

  /** The name in output: {@code base-model}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
