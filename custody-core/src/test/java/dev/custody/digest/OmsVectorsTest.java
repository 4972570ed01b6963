package dev.custody.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.model.HashAlgorithm;
import dev.custody.model.Manifest;
import dev.custody.model.ModelPath;
import dev.custody.testkit.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reproduces the manifests the reference implementation ({@code model_signing} 1.1.1) made for the
 * interop vectors: every resource name, algorithm and digest in order, the serialization, and the
 * root digest. The vectors are copied byte for byte from {@code ../shared/oms-vectors}.
 */
class OmsVectorsTest {
  private static final Path VECTORS = Path.of("src", "test", "resources", "oms-vectors");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<JsonNode> vectors() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(VECTORS.resolve("vectors.json").toFile()).get("vectors").forEach(out::add);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void reproducesReferenceManifest(JsonNode vector) throws Exception {
    String id = vector.get("id").asText();
    JsonNode expected = JSON.readTree(VECTORS.resolve("expected").resolve(id + ".json").toFile());
    JsonNode serialization = expected.get("serialization");
    Set<String> ignored = texts(serialization.get("ignore_paths"));
    List<ModelPath> extraIgnored = new ArrayList<>();
    for (String path : ignored) {
      ModelPath modelPath = new ModelPath(path);
      if (!DigestOptions.GIT_PATHS.contains(modelPath)) {
        extraIgnored.add(modelPath);
      }
    }
    DigestOptions options =
        DigestOptions.defaults()
            .withHash(HashAlgorithm.fromOmsName(serialization.get("hash_type").asText()))
            .withIgnorePaths(extraIgnored);

    Manifest manifest =
        new ModelDigester(options).digest(VECTORS.resolve(vector.get("model").asText()));

    assertThat(manifest.modelName()).isEqualTo(expected.at("/subject/name").asText());
    assertThat(manifest.rootDigest().hex())
        .isEqualTo(expected.at("/subject/digest/sha256").asText());
    assertThat(manifest.serialization().method()).isEqualTo(serialization.get("method").asText());
    assertThat(manifest.serialization().allowSymlinks())
        .isEqualTo(serialization.get("allow_symlinks").asBoolean());
    assertThat(manifest.serialization().ignorePaths().stream().map(ModelPath::value))
        .containsExactlyInAnyOrderElementsOf(ignored);
    assertThat(ManifestRows.of(manifest))
        .containsExactlyElementsOf(ManifestRows.of(expected.get("resources")));
  }

  /**
   * The reference project's own v1.1.0 signatures (key, certificate and keyless): the manifest in
   * each signed payload must be what custody computes for the signed folder, with the folder's
   * {@code ignore-me} and {@code model.sig} left out as the reference test scripts do.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"v1.1.0-elliptic-key", "v1.1.0-certificate", "v1.1.0-sigstore"})
  void reproducesManifestsInUpstreamSignatures(String name) throws Exception {
    Path folder = SharedData.require("oms-vectors/upstream/" + name);
    JsonNode bundle = JSON.readTree(folder.resolve("model.sig").toFile());
    byte[] payload = Base64.getDecoder().decode(bundle.at("/dsseEnvelope/payload").asText());
    JsonNode statement = JSON.readTree(new String(payload, StandardCharsets.UTF_8));

    Manifest manifest = digestUpstream(folder);

    assertThat(manifest.rootDigest().hex())
        .isEqualTo(statement.at("/subject/0/digest/sha256").asText());
    assertThat(ManifestRows.of(manifest))
        .containsExactlyElementsOf(ManifestRows.of(statement.at("/predicate/resources")));
    assertThat(manifest.serialization().ignorePaths().stream().map(ModelPath::value))
        .containsExactlyInAnyOrderElementsOf(
            texts(statement.at("/predicate/serialization/ignore_paths")));
  }

  @org.junit.jupiter.api.Test
  void upstreamKeylessVectorHasTheDocumentedRootDigest() throws Exception {
    Path folder = SharedData.require("oms-vectors/upstream/v1.1.0-sigstore");
    Manifest manifest = digestUpstream(folder);
    assertThat(manifest.rootDigest().toString())
        .isEqualTo("sha256:61d4849d9d90076d6215f4d525f13d6574af8e3f67aef3e6f36fc40a14fdd226");
  }

  /** Digests an upstream vector folder as the reference test scripts verify it. */
  private static Manifest digestUpstream(Path folder) throws DigestException {
    return new ModelDigester(
            DigestOptions.defaults()
                .withIgnorePaths(List.of(new ModelPath("ignore-me"), new ModelPath("model.sig"))))
        .digest(folder);
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> out = new HashSet<>();
    array.forEach(node -> out.add(node.asText()));
    return out;
  }

  static {
    // Fail early, with a clear message, if the copied vectors went missing.
    if (!Files.isDirectory(VECTORS)) {
      throw new IllegalStateException("test vectors missing at " + VECTORS.toAbsolutePath());
    }
  }
}
