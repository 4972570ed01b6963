package dev.custody.cli;

import dev.custody.digest.ModelPaths;
import dev.custody.internal.Untrusted;
import dev.custody.model.ModelPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code --ignore-path} arguments into paths inside the model. As with the reference {@code
 * model_signing} CLI, an argument is a path on disk (relative to the current folder, or absolute),
 * so {@code --ignore-path my-model/ignore-me} works from the folder above the model. Unlike the
 * reference, which silently drops a path outside the model, this says so.
 */
final class IgnorePaths {
  private IgnorePaths() {}

  static List<ModelPath> resolve(Path model, List<String> arguments) {
    List<ModelPath> paths = new ArrayList<>();
    for (String argument : arguments) {
      paths.add(
          ModelPaths.inside(model, Path.of(argument))
              .orElseThrow(() ->
                  CliFailure.usage(
                      "--ignore-path "
                          + Untrusted.quote(argument)
                          + " is not inside the model folder "
                          + Untrusted.quote(model.toString())
                          + "; give a path to something in the model, relative to the"
                          + " current folder (e.g. "
                          + Untrusted.quote(model.resolve("model.sig").toString())
                          + ") or absolute")));
    }
    return paths;
  }
}
