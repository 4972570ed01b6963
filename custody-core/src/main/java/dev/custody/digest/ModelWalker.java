package dev.custody.digest;

import dev.custody.digest.DigestException.Reason;
import dev.custody.internal.Untrusted;
import dev.custody.model.ModelPath;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Lists the files of a model the way the reference implementation sees them: every regular file
 * below the root, named relative to it, minus ignored paths. Everything it cannot vouch for
 * (symlinks unless allowed, links to folders or out of the model, sockets, devices, FIFOs) stops
 * the walk with a message, rather than being silently skipped.
 */
final class ModelWalker implements FileVisitor<Path> {
  private final DigestOptions options;
  private final List<ModelPath> ignored;
  private final Path root;
  private final List<ModelFile> files = new ArrayList<>();
  private int folders;
  private @Nullable DigestException failure;

  private ModelWalker(DigestOptions options, Path root) {
    this.options = options;
    this.ignored = options.allIgnoredPaths();
    this.root = root;
  }

  /** Lists the files of the model at {@code model}, sorted in manifest order. */
  static List<ModelFile> walk(Path model, DigestOptions options) throws DigestException {
    BasicFileAttributes attributes = rootAttributes(model);
    if (Files.isSymbolicLink(model) && options.symlinks() == SymlinkPolicy.REFUSE) {
      // As the reference does: the manifest records allow_symlinks=false, so no link is followed.
      throw new DigestException(
          Reason.REFUSED,
          "model path "
              + quote(model)
              + " is a symbolic link (to "
              + quote(realPath(model))
              + "); give the path it leads to, or pass --allow-symlinks");
    }
    Path root = realPath(model);
    if (attributes.isRegularFile()) {
      return List.of(new ModelFile(ModelPath.ROOT, root, attributes.size()));
    }
    if (!attributes.isDirectory()) {
      throw new DigestException(
          Reason.REFUSED,
          "model path "
              + quote(model)
              + " is neither a folder nor a regular file; give the model's folder or its file");
    }
    ModelWalker walker = new ModelWalker(options, root);
    try {
      Files.walkFileTree(
          root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE, walker);
    } catch (IOException e) {
      throw unreadable(model, e);
    }
    if (walker.failure != null) {
      throw walker.failure;
    }
    walker.files.sort(Comparator.comparing(ModelFile::path));
    return List.copyOf(walker.files);
  }

  private static BasicFileAttributes rootAttributes(Path model) throws DigestException {
    try {
      return Files.readAttributes(model, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new DigestException(
          Reason.MODEL_NOT_FOUND,
          "model path "
              + quote(model)
              + " does not exist; expected a model folder or a single model file",
          e);
    } catch (IOException e) {
      throw unreadable(model, e);
    }
  }

  private static Path realPath(Path path) throws DigestException {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw unreadable(path, e);
    }
  }

  @Override
  public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
    if (dir.equals(root)) {
      return FileVisitResult.CONTINUE;
    }
    ModelPath path = modelPath(dir);
    if (path == null) {
      return FileVisitResult.TERMINATE;
    }
    if (isIgnored(path)) {
      return FileVisitResult.SKIP_SUBTREE;
    }
    if (++folders > options.maxFiles()) {
      // Empty folders hold no resource, but walking millions of them is still unbounded work.
      return fail(
          Reason.LIMIT_EXCEEDED,
          "model has more than "
              + options.maxFiles()
              + " folders; check that the path is a model folder (library users can raise"
              + " DigestOptions maxFiles)");
    }
    if (path.components().size() > options.maxDepth()) {
      return fail(
          Reason.LIMIT_EXCEEDED,
          "model folder nesting is deeper than "
              + options.maxDepth()
              + " at "
              + Untrusted.quote(path.value())
              + "; a real model is not this deep: check the path (library users can raise"
              + " DigestOptions maxDepth)");
    }
    return FileVisitResult.CONTINUE;
  }

  @Override
  public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
    ModelPath path = modelPath(file);
    if (path == null) {
      return FileVisitResult.TERMINATE;
    }
    if (isIgnored(path) || !isWanted(path)) {
      return FileVisitResult.CONTINUE;
    }
    if (attrs.isSymbolicLink()) {
      return visitSymlink(file, path);
    }
    if (!attrs.isRegularFile()) {
      return fail(
          Reason.REFUSED,
          Untrusted.quote(path.value())
              + " is a special file (socket, FIFO or device), which has no content to sign;"
              + " remove it or pass --ignore-path for it");
    }
    return add(new ModelFile(path, file, attrs.size()));
  }

  private FileVisitResult visitSymlink(Path link, ModelPath path) {
    String name = Untrusted.quote(path.value());
    if (options.symlinks() == SymlinkPolicy.REFUSE) {
      return fail(
          Reason.REFUSED,
          name
              + " is a symbolic link; symlinks are refused by default because a signature should"
              + " cover bytes inside the model. Pass --allow-symlinks to hash the target's content"
              + " under the link's name, or --ignore-path to leave it out");
    }
    Path target;
    BasicFileAttributes targetAttrs;
    try {
      target = link.toRealPath();
      targetAttrs =
          Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return fail(
          Reason.UNREADABLE,
          "symbolic link "
              + name
              + " does not lead to a readable file ("
              + describe(e)
              + "); fix or remove the link, or pass --ignore-path for it");
    }
    if (!target.startsWith(root) && options.symlinks() != SymlinkPolicy.INSECURE_FOLLOW_ANYWHERE) {
      return fail(
          Reason.REFUSED,
          "symbolic link "
              + name
              + " leads outside the model folder, to "
              + quote(target)
              + "; copy the file into the model, or pass --allow-external-symlinks if the"
              + " model really depends on it");
    }
    if (targetAttrs.isDirectory()) {
      return fail(
          Reason.REFUSED,
          "symbolic link "
              + name
              + " leads to a folder; only links to files can be hashed (the reference"
              + " implementation would silently leave that folder's files out of the manifest)."
              + " Replace the link with the folder itself, or pass --ignore-path for it");
    }
    if (!targetAttrs.isRegularFile()) {
      return fail(
          Reason.REFUSED,
          "symbolic link " + name + " leads to a special file, which has no content to sign");
    }
    return add(new ModelFile(path, target, targetAttrs.size()));
  }

  @Override
  public FileVisitResult visitFileFailed(Path file, IOException exc) {
    failure = unreadable(file, exc);
    return FileVisitResult.TERMINATE;
  }

  @Override
  public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException exc) {
    if (exc != null) {
      failure = unreadable(dir, exc);
      return FileVisitResult.TERMINATE;
    }
    return FileVisitResult.CONTINUE;
  }

  private FileVisitResult add(ModelFile file) {
    if (files.size() >= options.maxFiles()) {
      return fail(
          Reason.LIMIT_EXCEEDED,
          "model has more than "
              + options.maxFiles()
              + " files, more than custody digests by default; check that the path is a model"
              + " folder (library users can raise DigestOptions maxFiles)");
    }
    files.add(file);
    return FileVisitResult.CONTINUE;
  }

  private FileVisitResult fail(Reason reason, String message) {
    failure = new DigestException(reason, message);
    return FileVisitResult.TERMINATE;
  }

  /** Whether the options ask for this file (all files, unless a verifier named the signed ones). */
  private boolean isWanted(ModelPath path) {
    Set<ModelPath> only = options.onlyFiles();
    return only == null || only.contains(path);
  }

  private boolean isIgnored(ModelPath path) {
    for (ModelPath ignore : ignored) {
      if (path.isSameOrBelow(ignore)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The manifest name of {@code path}, or null (with the failure set) when the name's bytes are not
   * valid in the file-name charset: the JVM would decode them lossily, two files could get one
   * name, and the reference (which keeps the bytes) would name them differently.
   */
  private @Nullable ModelPath modelPath(Path path) {
    Path relative = root.relativize(path);
    StringBuilder name = new StringBuilder();
    for (Path part : relative) {
      if (!name.isEmpty()) {
        name.append('/');
      }
      name.append(part.toString());
    }
    if (!relative.getFileSystem().getPath(name.toString()).equals(relative)) {
      fail(
          Reason.REFUSED,
          "the name of "
              + Untrusted.quote(name.toString())
              + " is not valid UTF-8, so it has no portable name in a manifest; rename it (or run"
              + " with a UTF-8 locale if the name is UTF-8), or pass --ignore-path for it");
      return null;
    }
    return new ModelPath(name.toString());
  }

  static DigestException unreadable(Path path, IOException e) {
    return new DigestException(
        Reason.UNREADABLE,
        "cannot read "
            + quote(path)
            + " ("
            + describe(e)
            + "); check that it exists and that you may read it, or pass --ignore-path for it",
        e);
  }

  static String describe(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.FileSystemLoopException) {
      return "symbolic link loop";
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + message;
  }

  static String quote(Path path) {
    return Untrusted.quote(path.toString());
  }
}
