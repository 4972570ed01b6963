package dev.custody.bom;

import dev.custody.format.requirements.PythonPackage;
import dev.custody.model.Digest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The inputs merged and sorted once, so both writers report the same datasets, base models and
 * packages in the same order whatever order the inputs came in.
 */
final class BomContents {
  /** Where a dataset or base model was learnt of. */
  enum Source {
    MODEL_CARD("model card"),
    PROVENANCE("provenance");

    final String text;

    Source(String text) {
      this.text = text;
    }
  }

  /**
   * A dataset or base model.
   *
   * @param name the id or URI it is known by
   * @param digest its OMS root digest, when provenance gave one
   * @param source where it was learnt of
   */
  record Input(String name, @Nullable Digest digest, Source source) {
    String key() {
      Digest d = digest;
      return d == null ? name : name + "@" + d;
    }
  }

  private static final Comparator<Input> INPUT_ORDER =
      Comparator.comparing(Input::name).thenComparing(Input::key);

  private static final Comparator<PythonPackage> PACKAGE_ORDER =
      Comparator.comparing(PythonPackage::name)
          .thenComparing(p -> String.valueOf(p.version()))
          .thenComparing(PythonPackage::specifier);

  final List<Input> datasets;
  final List<Input> baseModels;
  final List<PythonPackage> packages;

  private BomContents(List<Input> datasets, List<Input> baseModels, List<PythonPackage> packages) {
    this.datasets = datasets;
    this.baseModels = baseModels;
    this.packages = packages;
  }

  static BomContents of(BomInputs inputs) {
    List<ProvenanceFacts.Material> datasets = new ArrayList<>();
    List<ProvenanceFacts.Material> baseModels = new ArrayList<>();
    for (ProvenanceFacts facts : inputs.provenance()) {
      datasets.addAll(facts.datasets());
      baseModels.addAll(facts.baseModels());
    }
    Set<PythonPackage> packages = new TreeSet<>(PACKAGE_ORDER);
    packages.addAll(inputs.packages());
    return new BomContents(
        merge(datasets, inputs.card().datasets()),
        merge(baseModels, inputs.card().baseModels()),
        List.copyOf(packages));
  }

  /** Provenance entries with digests, plus card names provenance does not already name. */
  private static List<Input> merge(List<ProvenanceFacts.Material> attested, List<String> named) {
    Set<Input> merged = new TreeSet<>(INPUT_ORDER);
    Set<String> attestedNames = new LinkedHashSet<>();
    for (ProvenanceFacts.Material material : attested) {
      merged.add(new Input(material.name(), material.digest(), Source.PROVENANCE));
      attestedNames.add(material.name());
    }
    for (String name : named) {
      if (!attestedNames.contains(name)) {
        merged.add(new Input(name, null, Source.MODEL_CARD));
      }
    }
    return List.copyOf(merged);
  }
}
