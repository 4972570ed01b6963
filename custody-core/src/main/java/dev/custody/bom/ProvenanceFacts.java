package dev.custody.bom;

import dev.custody.model.Digest;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a provenance attestation says about how the model was made, as far as a BOM reports it: the
 * input a reader of {@code custody attest}'s SLSA v1 statements produces (its {@code
 * resolvedDependencies}, {@code builder.id} and {@code externalParameters}).
 *
 * @param builderId who ran the training ({@code builder.id}), or {@code null}
 * @param code the training code's repository and revision, or {@code null}
 * @param datasets the datasets trained on, each with its OMS root digest
 * @param baseModels the models fine-tuned from, each with its OMS root digest
 * @param parameters the training parameters by name
 */
public record ProvenanceFacts(
    @Nullable String builderId,
    @Nullable CodeRevision code,
    List<Material> datasets,
    List<Material> baseModels,
    SortedMap<String, String> parameters) {

  /** Copies the collections. */
  public ProvenanceFacts {
    datasets = List.copyOf(datasets);
    baseModels = List.copyOf(baseModels);
    parameters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
  }

  /**
   * An input identified by name and digest.
   *
   * @param name the name it was recorded under (an id or URI)
   * @param digest its OMS root digest
   */
  public record Material(String name, Digest digest) {
    /** Checks the name is not blank. */
    public Material {
      if (name.isBlank()) {
        throw new IllegalArgumentException("a material needs a name");
      }
    }
  }

  /**
   * Source code at a revision.
   *
   * @param uri the repository
   * @param revision the commit or tag
   */
  public record CodeRevision(String uri, String revision) {}
}
