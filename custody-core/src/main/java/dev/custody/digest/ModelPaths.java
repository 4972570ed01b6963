package dev.custody.digest;

import dev.custody.model.ModelPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a path on disk lies in a model: the reference CLI names ignored paths and the signature
 * file by their place on disk, and they count only when they lie inside the model folder.
 */
public final class ModelPaths {
  private ModelPaths() {}

  /**
   * The model-relative name of {@code file}, or empty when it is not strictly inside {@code model}
   * (or {@code model} is a single file). Folders on the way are resolved through their links, as
   * the digest engine walks them, but a link at {@code file} itself is not: ignoring a link must
   * not ignore its target.
   */
  public static Optional<ModelPath> inside(Path model, Path file) {
    Path root = realPath(model);
    Path candidate = canonical(file);
    if (!candidate.startsWith(root) || candidate.equals(root)) {
      return Optional.empty();
    }
    StringBuilder name = new StringBuilder();
    for (Path part : root.relativize(candidate)) {
      name.append(name.isEmpty() ? "" : "/").append(part);
    }
    return Optional.of(new ModelPath(name.toString()));
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  private static Path canonical(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Path name = absolute.getFileName();
    if (parent == null || name == null) {
      return absolute;
    }
    return realPath(parent).resolve(name);
  }
}
