package dev.custody.scan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The Keras packages and non-modeling functions of {@code rules/keras-names.txt}. */
final class KerasNames {
  private static final KerasNames STANDARD = load();

  private final Set<String> packages;
  private final Map<String, String> unsafe;
  private final Set<String> typeSpecs;

  private KerasNames(Set<String> packages, Map<String, String> unsafe, Set<String> typeSpecs) {
    this.packages = Set.copyOf(packages);
    this.unsafe = Map.copyOf(unsafe);
    this.typeSpecs = Set.copyOf(typeSpecs);
  }

  static KerasNames standard() {
    return STANDARD;
  }

  private static KerasNames load() {
    Set<String> packages = new HashSet<>();
    Map<String, String> unsafe = new HashMap<>();
    Set<String> typeSpecs = new HashSet<>();
    for (String[] row : RuleData.rows("keras-names.txt", 3)) {
      switch (row[0]) {
        case "package" -> packages.add(row[1]);
        case "unsafe" -> unsafe.put(row[1], row.length > 2 ? row[2] : "");
        case "typespec" -> typeSpecs.add(row[1]);
        default ->
            throw new IllegalStateException(
                "keras-names.txt: unknown kind '"
                    + row[0]
                    + "' (want package, unsafe or typespec)");
      }
    }
    return new KerasNames(packages, unsafe, typeSpecs);
  }

  /** True when {@code module}'s top-level package is one Keras resolves itself (case matters). */
  boolean isKeras(String module) {
    int dot = module.indexOf('.');
    return packages.contains(dot < 0 ? module : module.substring(0, dot));
  }

  /**
   * True for one of TensorFlow's own TypeSpec classes in a module of TensorFlow's implementation
   * ({@code tensorflow.python...}, exactly, case matters), as tf.keras serializes input signatures.
   */
  boolean isTensorFlowTypeSpec(String module, String specName) {
    return module.startsWith("tensorflow.python.") && typeSpecs.contains(specName);
  }

  /** Why the function {@code name} (the last dotted component) is not a modeling operation. */
  Optional<String> unsafe(String dotted) {
    int dot = dotted.lastIndexOf('.');
    return Optional.ofNullable(unsafe.get(dot < 0 ? dotted : dotted.substring(dot + 1)));
  }
}
