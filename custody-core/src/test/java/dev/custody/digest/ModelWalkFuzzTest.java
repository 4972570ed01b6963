package dev.custody.digest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.model.HashAlgorithm;
import dev.custody.model.ModelPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * A model folder is hostile input: names, nesting, links. This builds a folder from fuzz data
 * (files, folders and symlinks with arbitrary names and link targets) and checks the digest engine
 * is total over it: it returns a manifest or throws {@link DigestException}, nothing else. Run with
 * {@code JAZZER_FUZZ=1} to fuzz; the plain build replays the committed inputs.
 */
class ModelWalkFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void digestIsTotalOverArbitraryFolders(FuzzedDataProvider data) throws IOException {
    Path root = Files.createTempDirectory("custody-fuzz");
    try {
      build(root.resolve("model"), data);
      DigestOptions options = options(data);
      try {
        new ModelDigester(options).digest(root.resolve("model"));
      } catch (DigestException expected) {
        // Refusing is fine; any other exception fails the test.
      }
    } finally {
      deleteTree(root);
    }
  }

  private static void build(Path model, FuzzedDataProvider data) throws IOException {
    Files.createDirectories(model);
    int entries = data.consumeInt(0, 12);
    for (int i = 0; i < entries; i++) {
      int kind = data.consumeInt(0, 2);
      String name = data.consumeString(24);
      Path path;
      try {
        path = model.resolve(name).normalize();
      } catch (InvalidPathException e) {
        continue;
      }
      // Fixtures stay inside the temporary folder whatever the names say.
      if (!path.startsWith(model) || path.equals(model)) {
        continue;
      }
      try {
        Files.createDirectories(path.getParent());
        switch (kind) {
          case 0 -> Files.write(path, data.consumeString(64).getBytes(StandardCharsets.UTF_8));
          case 1 -> Files.createDirectories(path);
          default -> Files.createSymbolicLink(path, Path.of(data.consumeString(24)));
        }
      } catch (IOException | InvalidPathException | UnsupportedOperationException e) {
        // A name the file system refuses: skip it.
      }
    }
  }

  private static DigestOptions options(FuzzedDataProvider data) {
    DigestOptions options =
        DigestOptions.defaults()
            .withThreads(data.consumeInt(1, 3))
            .withLimits(data.consumeInt(1, 20), data.consumeInt(1, 8))
            .withHash(data.pickValue(HashAlgorithm.values()))
            // Never follow links out of the model: a fuzzed target could be /proc/kcore.
            .withSymlinks(
                data.consumeBoolean() ? SymlinkPolicy.REFUSE : SymlinkPolicy.FOLLOW_INSIDE_MODEL);
    if (options.hash() != HashAlgorithm.BLAKE3 && data.consumeBoolean()) {
      options = options.withShardSize(data.consumeLong(1, 64));
    }
    try {
      options = options.withIgnorePaths(List.of(new ModelPath(data.consumeString(16))));
    } catch (IllegalArgumentException e) {
      // Not a valid model path: digest without it.
    }
    return options;
  }

  private static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
