package dev.custody.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.model.HashAlgorithm;
import dev.custody.model.Manifest;
import dev.custody.model.ModelPath;
import dev.custody.testkit.ModelTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manifests the reference implementation computed for shard serialization, BLAKE2b and tricky names
 * (see {@code reference-goldens/README.md}); custody must produce each one exactly.
 */
class ReferenceGoldensTest {
  private static final Path GOLDENS = Path.of("src", "test", "resources", "reference-goldens");
  private static final Path TINY_MODEL =
      Path.of("src", "test", "resources", "oms-vectors", "tiny-model");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The files of make_models.py's names-model; text files hold "content of NAME\n". */
  private static final List<String> NAMES =
      List.of(
          "a.txt",
          "a/b.txt",
          "a-b",
          "B.txt",
          "\u00e9.txt",
          "e\u0301.txt",
          "\uFFFD.txt",
          "\uD83D\uDE00.txt",
          "z/deep/er/file.bin",
          "sub/.git/HEAD",
          ".git/HEAD",
          ".gitignore",
          ".github/x",
          "space name.txt",
          "ZZ");

  @TempDir static Path models;

  static Stream<String> goldens() throws IOException {
    try (Stream<Path> files = Files.list(GOLDENS)) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void reproducesReferenceManifest(String golden) throws Exception {
    JsonNode expected = JSON.readTree(GOLDENS.resolve(golden).toFile());
    JsonNode serialization = expected.get("serialization");
    DigestOptions options =
        DigestOptions.defaults()
            .withHash(HashAlgorithm.fromOmsName(serialization.get("hash_type").asText()))
            .withShardSize(
                serialization.has("shard_size")
                    ? (Long) serialization.get("shard_size").asLong()
                    : null)
            .withIgnorePaths(extraIgnored(serialization));

    Manifest manifest = new ModelDigester(options).digest(model(golden));

    assertThat(manifest.rootDigest().hex())
        .isEqualTo(expected.at("/subject/digest/sha256").asText());
    assertThat(manifest.modelName()).isEqualTo(expected.at("/subject/name").asText());
    assertThat(manifest.serialization().method()).isEqualTo(serialization.get("method").asText());
    assertThat(ManifestRows.of(manifest))
        .containsExactlyElementsOf(ManifestRows.of(expected.get("resources")));
  }

  private static Path model(String golden) {
    if (golden.startsWith("tiny-model")) {
      return TINY_MODEL;
    }
    if (golden.startsWith("single.bin")) {
      byte[] bytes = new byte[50];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) i;
      }
      return ModelTree.at(models.resolve("single"))
          .file("single.bin", bytes)
          .root()
          .resolve("single.bin");
    }
    ModelTree tree = ModelTree.at(models.resolve("names-model"));
    for (String name : NAMES) {
      tree.file(name, ("content of " + name + "\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] w = new byte[100];
    for (int i = 0; i < w.length; i++) {
      w[i] = (byte) i;
    }
    return tree.file("empty.bin", new byte[0]).file("w.bin", w).root();
  }

  private static List<ModelPath> extraIgnored(JsonNode serialization) {
    Set<ModelPath> ignored = new HashSet<>();
    serialization.get("ignore_paths").forEach(node -> ignored.add(new ModelPath(node.asText())));
    ignored.removeAll(DigestOptions.GIT_PATHS);
    return List.copyOf(ignored);
  }
}
