package dev.custody.provenance;

import dev.custody.model.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * The SLSA v1 provenance of a trained model: the whole in-toto statement custody signs for {@code
 * custody attest}.
 *
 * <pre>{@code
 * Provenance provenance = new Provenance(
 *     new Subject("my-model", modelRoot),
 *     new BuildDefinition(Provenance.TRAINING_BUILD_TYPE, parameters, BuildEnvironment.defaults(),
 *         List.of(ResolvedDependency.dataset("train", datasetRoot))),
 *     new RunDetails(Provenance.DEFAULT_BUILDER, null, null, null, List.of()));
 * provenance.inputs();   // the digests of every dataset and base model
 * }</pre>
 *
 * @param subject the trained model
 * @param buildDefinition what went into the run
 * @param runDetails how the run went
 */
public record Provenance(Subject subject, BuildDefinition buildDefinition, RunDetails runDetails) {
  /** The in-toto predicate type of SLSA provenance v1. */
  public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";

  /** Custody's build type for training and fine-tuning runs (docs/provenance.md). */
  public static final String TRAINING_BUILD_TYPE = "https://custody.dev/provenance/training/v1";

  /**
   * The builder custody records unless told another: the person who ran {@code custody attest}
   * vouches for the facts, with no build platform behind them.
   */
  public static final String DEFAULT_BUILDER = "https://custody.dev/provenance/builder/cli/v1";

  /** The datasets, in recorded order. */
  public List<ResolvedDependency> datasets() {
    return buildDefinition.dependencies(DependencyKind.DATASET);
  }

  /** The base models, in recorded order. */
  public List<ResolvedDependency> baseModels() {
    return buildDefinition.dependencies(DependencyKind.BASE_MODEL);
  }

  /**
   * The root digests of every dataset and base model: the edges of the lineage graph from this
   * model towards what it was made from.
   */
  public List<Digest> inputs() {
    List<Digest> inputs = new ArrayList<>();
    for (ResolvedDependency dependency : buildDefinition.resolvedDependencies()) {
      if (dependency.kind() == DependencyKind.DATASET
          || dependency.kind() == DependencyKind.BASE_MODEL) {
        dependency.resource().sha256().ifPresent(inputs::add);
      }
    }
    return inputs;
  }

  /** Whether any resolved dependency carries {@code digest}. */
  public boolean mentions(Digest digest) {
    for (ResolvedDependency dependency : buildDefinition.resolvedDependencies()) {
      String hex = dependency.resource().digest().get(digest.algorithm().omsName());
      if (digest.hex().equals(hex)) {
        return true;
      }
    }
    return false;
  }
}
