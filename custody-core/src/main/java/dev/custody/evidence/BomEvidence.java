package dev.custody.evidence;

import java.util.List;

/**
 * Facts from the model's bill of materials (an AI-BOM), when there is one.
 *
 * @param present whether a bill of materials was found at all
 * @param licences the licences that apply to the model (SPDX ids or expressions)
 * @param dependencies the software the model needs
 */
public record BomEvidence(
    boolean present, List<String> licences, List<DependencyEvidence> dependencies) {
  /** Copies the lists; an absent BOM has no facts. */
  public BomEvidence {
    licences = List.copyOf(licences);
    dependencies = List.copyOf(dependencies);
    licences.forEach(licence -> Texts.requireText("a licence", licence));
    if (!present && (!licences.isEmpty() || !dependencies.isEmpty())) {
      throw new IllegalArgumentException(
          "an absent bill of materials has no licences or dependencies");
    }
  }

  /** No bill of materials was found. */
  public static BomEvidence absent() {
    return new BomEvidence(false, List.of(), List.of());
  }
}
