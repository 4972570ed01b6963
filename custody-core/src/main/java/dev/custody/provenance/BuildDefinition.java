package dev.custody.provenance;

import java.util.ArrayList;
import java.util.List;

/**
 * SLSA's {@code buildDefinition}: the build type, the parameters and every resolved input.
 *
 * @param buildType the URI naming the schema of the parameters; custody writes {@link
 *     Provenance#TRAINING_BUILD_TYPE}
 * @param externalParameters what the person or pipeline chose
 * @param internalParameters what the recorder set or read
 * @param resolvedDependencies datasets, base models, code and software, in the order recorded
 */
public record BuildDefinition(
    String buildType,
    TrainingParameters externalParameters,
    BuildEnvironment internalParameters,
    List<ResolvedDependency> resolvedDependencies) {
  /** The most resolved dependencies one run records (a large pip freeze has a few hundred). */
  public static final int MAX_DEPENDENCIES = 10_000;

  /** Checks the build type and copies the dependencies. */
  public BuildDefinition {
    Checks.text(buildType, "a build type");
    resolvedDependencies = List.copyOf(resolvedDependencies);
    if (resolvedDependencies.size() > MAX_DEPENDENCIES) {
      throw new IllegalArgumentException(
          resolvedDependencies.size()
              + " resolved dependencies, more than the limit of "
              + MAX_DEPENDENCIES);
    }
  }

  /** The dependencies of one kind, in recorded order. */
  public List<ResolvedDependency> dependencies(DependencyKind kind) {
    List<ResolvedDependency> found = new ArrayList<>();
    for (ResolvedDependency dependency : resolvedDependencies) {
      if (dependency.kind() == kind) {
        found.add(dependency);
      }
    }
    return found;
  }
}
