package dev.custody.cli;

import dev.custody.internal.Untrusted;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The checks every verb makes on its MODEL argument before any work. */
final class ModelArgument {
  private ModelArgument() {}

  /** {@code model}, unless it is empty: an unset shell variable must not mean "here". */
  static Path given(Path model) {
    if (model.toString().isEmpty()) {
      throw CliFailure.usage("MODEL is empty; give the model's folder or file ('.' for here)");
    }
    return model;
  }

  /** {@code model}, given and present on disk (a link counts as present). */
  static Path existing(Path model) {
    if (!Files.exists(given(model), LinkOption.NOFOLLOW_LINKS)) {
      throw CliFailure.usage(
          "model path "
              + Untrusted.quote(model.toString())
              + " does not exist; expected a model folder or a single model file");
    }
    return model;
  }
}
