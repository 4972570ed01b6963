package dev.custody.scan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TensorFlow operation data: which ops do more than tensor math, by {@link OpClass} and with
 * the inputs that carry a path ({@code rules/savedmodel-ops.txt}), and TensorFlow's standard op set
 * ({@code rules/savedmodel-standard-ops.txt}). Immutable.
 */
final class TensorFlowOps {
  /** What an operation does beyond tensor math. */
  enum OpClass {
    PYTHON,
    WRITE,
    READ,
    NETWORK,
    CHECKPOINT,
    ASSET
  }

  /**
   * One listed operation.
   *
   * @param opClass what it does
   * @param pathInputs indexes of the inputs that carry a file name or prefix
   */
  record Listed(OpClass opClass, List<Integer> pathInputs) {
    Listed {
      pathInputs = List.copyOf(pathInputs);
    }
  }

  private static final TensorFlowOps STANDARD =
      new TensorFlowOps(
          RuleData.rows("savedmodel-ops.txt", 3), RuleData.rows("savedmodel-standard-ops.txt", 1));

  private final Map<String, Listed> listed = new HashMap<>();
  private final Set<String> standard = new HashSet<>();

  private TensorFlowOps(List<String[]> classes, List<String[]> standardOps) {
    for (String[] row : classes) {
      if (row.length < 2) {
        throw new IllegalStateException("savedmodel-ops.txt: a row needs a class and an op");
      }
      List<Integer> inputs =
          row.length == 3
              ? java.util.Arrays.stream(row[2].split(",")).map(Integer::valueOf).toList()
              : List.of();
      OpClass opClass = OpClass.valueOf(row[0].toUpperCase(java.util.Locale.ROOT));
      if (listed.put(row[1], new Listed(opClass, inputs)) != null) {
        throw new IllegalStateException("savedmodel-ops.txt lists " + row[1] + " twice");
      }
    }
    for (String[] row : standardOps) {
      standard.add(row[0]);
    }
  }

  static TensorFlowOps standard() {
    return STANDARD;
  }

  /** The op's class, if it does more than tensor math. */
  java.util.Optional<Listed> listed(String op) {
    return java.util.Optional.ofNullable(listed.get(op));
  }

  /** True when TensorFlow itself registers {@code op}. */
  boolean isStandard(String op) {
    return standard.contains(op);
  }
}
