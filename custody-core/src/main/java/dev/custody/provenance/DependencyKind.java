package dev.custody.provenance;

import java.util.Optional;

/**
 * What a resolved dependency of a training run is. Written as the {@code kind} annotation of its
 * resource descriptor.
 */
public enum DependencyKind {
  /** Training or evaluation data, named by the root digest of its folder or file. */
  DATASET("dataset"),
  /** The model that was fine-tuned or distilled, named by its root digest. */
  BASE_MODEL("base-model"),
  /** The training code at a revision ({@code gitCommit} digest when the revision is a commit). */
  CODE("code"),
  /** A Python package from a pinned requirements or {@code pip freeze} file, as a package URL. */
  PYTHON_PACKAGE("python-package"),
  /** A framework version the model's own config names ({@code transformers_version}...). */
  FRAMEWORK("framework");

  /** The annotation that carries the kind. */
  public static final String ANNOTATION = "kind";

  private final String wireName;

  DependencyKind(String wireName) {
    this.wireName = wireName;
  }

  /** The annotation value. */
  public String wireName() {
    return wireName;
  }

  /** The kind whose annotation value is {@code wireName}. */
  public static Optional<DependencyKind> fromWireName(String wireName) {
    for (DependencyKind kind : values()) {
      if (kind.wireName.equals(wireName)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
