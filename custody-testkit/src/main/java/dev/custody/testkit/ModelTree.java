package dev.custody.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a model folder on disk for a test, one call per entry:
 *
 * <pre>{@code
 * Path model = ModelTree.at(tmp.resolve("m")).file("a/b.txt", "hello").symlink("link", "a/b.txt").root();
 * }</pre>
 */
public final class ModelTree {
  private final Path root;

  private ModelTree(Path root) {
    this.root = root;
  }

  /** Starts a tree at {@code root}, creating the folder. */
  public static ModelTree at(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ModelTree(root);
  }

  /** Writes a UTF-8 text file at the relative path {@code name}, creating parent folders. */
  public ModelTree file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a file at the relative path {@code name}, creating parent folders. */
  public ModelTree file(String name, byte[] content) {
    try {
      Path path = root.resolve(name);
      Files.createDirectories(path.getParent());
      Files.write(path, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Writes a file of {@code size} bytes of a repeatable pseudo-random pattern. */
  public ModelTree pattern(String name, int size, long seed) {
    byte[] bytes = new byte[size];
    new java.util.Random(seed).nextBytes(bytes);
    return file(name, bytes);
  }

  /** Creates an empty folder. */
  public ModelTree folder(String name) {
    try {
      Files.createDirectories(root.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Creates a symbolic link at {@code name} whose target text is {@code target}, as given. */
  public ModelTree symlink(String name, String target) {
    try {
      Path link = root.resolve(name);
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, Path.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The tree's root folder. */
  public Path root() {
    return root;
  }
}
