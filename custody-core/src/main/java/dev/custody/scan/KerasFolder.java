package dev.custody.scan;

import dev.custody.format.ModelSource;
import dev.custody.format.json.TopLevelKeys;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * A Keras v3 model saved as a folder: the three members of a {@code .keras} archive ({@code
 * config.json}, {@code model.weights.h5}, {@code metadata.json}) side by side. Keras deserializes
 * that {@code config.json} exactly like the archived one, so it is judged by {@link KerasConfig};
 * the detector alone sees plain JSON, which no loader executes. Two things must hold, so that a
 * Hugging Face {@code config.json} (beside safetensors weights, shaped {@code model_type}, {@code
 * architectures}) stays inert: a Keras member beside it, and a Keras object at its top ({@code
 * class_name} and {@code config}), which is what Keras's deserializer requires.
 */
final class KerasFolder {
  static final String CONFIG = "config.json";

  /** The files Keras writes next to {@code config.json}; either one marks the folder. */
  private static final List<String> SIBLINGS = List.of("model.weights.h5", "metadata.json");

  private KerasFolder() {}

  /** True when {@code file} is named {@code config.json} and a Keras member lies beside it. */
  static boolean holds(Path file) {
    Path name = file.getFileName();
    if (name == null || !name.toString().equals(CONFIG)) {
      return false;
    }
    Path folder = file.toAbsolutePath().getParent();
    if (folder == null) {
      return false;
    }
    for (String sibling : SIBLINGS) {
      // A symlink in a sibling's place still marks the folder: Keras would follow it.
      if (Files.exists(folder.resolve(sibling), LinkOption.NOFOLLOW_LINKS)) {
        return true;
      }
    }
    return false;
  }

  /** True when the JSON's top-level object has the {@code class_name} and {@code config} keys. */
  static boolean isKerasConfig(ModelSource source) {
    ByteBuffer prefix = source.prefix();
    return TopLevelKeys.contains(prefix, "class_name") && TopLevelKeys.contains(prefix, "config");
  }
}
