package dev.custody.provenance;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The {@code externalParameters} of a training run: what the person or pipeline that started it
 * chose. Inputs with an identity (datasets, base models, code) are resolved dependencies instead.
 *
 * @param values the parameters by name (a nested parameters file is flattened to dotted names,
 *     {@code optimizer.lr}); sorted by name so the statement's bytes do not depend on order
 * @param parametersFile the parameters file the values came from (its name and SHA-256), if any
 */
public record TrainingParameters(
    SortedMap<String, ParameterValue> values, @Nullable ResourceDescriptor parametersFile) {
  /** The most parameters one run records. */
  public static final int MAX_PARAMETERS = 10_000;

  /** Copies the values and checks the names. */
  public TrainingParameters {
    if (values.size() > MAX_PARAMETERS) {
      throw new IllegalArgumentException(
          values.size() + " parameters, more than the limit of " + MAX_PARAMETERS);
    }
    for (String name : values.keySet()) {
      Checks.text(name, "a parameter name");
    }
    values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  /** No parameters. */
  public static TrainingParameters none() {
    return new TrainingParameters(new TreeMap<>(), null);
  }

  /** These values, without a parameters file. */
  public static TrainingParameters of(Map<String, ParameterValue> values) {
    return new TrainingParameters(new TreeMap<>(values), null);
  }
}
