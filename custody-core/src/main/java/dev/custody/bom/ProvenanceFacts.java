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

  /**
   * The facts a BOM carries from a provenance statement: builder, code revision, datasets and base
   * models with their root digests (inputs recorded without a digest are left out: a BOM component
   * without a hash identifies nothing), and the parameters as text.
   */
  public static ProvenanceFacts of(dev.custody.provenance.Provenance provenance) {
    @Nullable CodeRevision code = null;
    for (dev.custody.provenance.ResolvedDependency d :
        provenance.buildDefinition().dependencies(dev.custody.provenance.DependencyKind.CODE)) {
      String uri = d.resource().uri();
      int at = uri == null ? -1 : uri.lastIndexOf('@');
      if (code == null && uri != null && at > 0 && at < uri.length() - 1) {
        code = new CodeRevision(uri.substring(0, at), uri.substring(at + 1));
      }
    }
    TreeMap<String, String> parameters = new TreeMap<>();
    provenance
        .buildDefinition()
        .externalParameters()
        .values()
        .forEach((name, value) -> parameters.put(name, value.display()));
    return new ProvenanceFacts(
        provenance.runDetails().builderId(),
        code,
        materials(provenance.datasets()),
        materials(provenance.baseModels()),
        parameters);
  }

  private static List<Material> materials(List<dev.custody.provenance.ResolvedDependency> inputs) {
    List<Material> materials = new java.util.ArrayList<>();
    for (dev.custody.provenance.ResolvedDependency input : inputs) {
      input
          .resource()
          .sha256()
          .ifPresent(digest -> {
            String name = input.resource().name();
            materials.add(
                new Material(name == null || name.isBlank() ? digest.toString() : name, digest));
          });
    }
    return materials;
  }
}
