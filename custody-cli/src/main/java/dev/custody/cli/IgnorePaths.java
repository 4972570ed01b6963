package dev.custody.cli;

import dev.custody.internal.Untrusted;
import dev.custody.model.ModelPath;
import java.io.IOException;
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
    if (arguments.isEmpty()) {
      return List.of();
    }
    Path root = realRoot(model);
    List<ModelPath> paths = new ArrayList<>();
    for (String argument : arguments) {
      Path candidate = canonical(Path.of(argument));
      if (!candidate.startsWith(root) || candidate.equals(root)) {
        throw CliFailure.usage(
            "--ignore-path "
                + Untrusted.quote(argument)
                + " is not inside the model folder "
                + Untrusted.quote(model.toString())
                + "; give a path to something in the model, relative to the current folder"
                + " (e.g. "
                + Untrusted.quote(model.resolve("model.sig").toString())
                + ") or absolute");
      }
      StringBuilder name = new StringBuilder();
      for (Path part : root.relativize(candidate)) {
        name.append(name.isEmpty() ? "" : "/").append(part);
      }
      paths.add(new ModelPath(name.toString()));
    }
    return paths;
  }

  /** The model folder with every link resolved, as the digest engine walks it. */
  private static Path realRoot(Path model) {
    try {
      return model.toRealPath();
    } catch (IOException e) {
      return model.toAbsolutePath().normalize();
    }
  }

  /**
   * The absolute, normalized form of a path, with its folder's links resolved but not a link at the
   * path itself: ignoring a symlink must not ignore its target.
   */
  private static Path canonical(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Path name = absolute.getFileName();
    if (parent == null || name == null) {
      return absolute;
    }
    try {
      return parent.toRealPath().resolve(name);
    } catch (IOException e) {
      return absolute;
    }
  }
}
