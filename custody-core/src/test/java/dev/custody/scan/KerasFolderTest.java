package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Keras v3 model saved as a folder: the committed {@code .keras} fixtures unzipped into a
 * temporary folder, so the {@code config.json} is the one Keras wrote into the archive. It is
 * judged like the archived one; a Hugging Face {@code config.json} stays inert JSON.
 */
class KerasFolderTest {
  @TempDir Path dir;

  private Path unzipped(String fixture) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(fixture.replace(".keras", "")));
    byte[] archive = KerasScannerTest.fixture(fixture);
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        Files.write(folder.resolve(e.getName()), zip.readNBytes(1 << 20));
      }
    }
    return folder;
  }

  private static Map<String, FileReport> scan(Path folder) throws ScanException {
    return Scanner.standard().scan(List.of(folder)).files().stream()
        .collect(
            Collectors.toMap(r -> folder.relativize(r.path()).toString(), Function.identity()));
  }

  private static FileReport named(Map<String, FileReport> reports, String name) {
    return Objects.requireNonNull(reports.get(name), () -> "no report for " + name);
  }

  @Test
  void aBenignFolderIsCleanAndItsConfigIsJudged() throws Exception {
    Map<String, FileReport> reports = scan(unzipped("benign-sequential.keras"));
    FileReport config = named(reports, "config.json");
    assertThat(config.format()).isEqualTo(ModelFormat.KERAS_CONFIG);
    assertThat(config.verdict()).as("%s", config.findings()).isEqualTo(FileReport.Verdict.CLEAN);
    assertThat(named(reports, "metadata.json").format()).isEqualTo(ModelFormat.JSON);
    assertThat(named(reports, "model.weights.h5").verdict()).isEqualTo(FileReport.Verdict.CLEAN);
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      value = {
        "evil-lambda.keras, KERAS-001, layer 'lambda'",
        "evil-get-file.keras, KERAS-002, keras.utils.get_file",
        "evil-module-popen.keras, KERAS-003, subprocess.Popen",
        "evil-torch-module-wrapper.keras, KERAS-005, layer 'torch_module_wrapper'"
      })
  void maliciousConfigsInAFolderAreCaught(String fixture, String rule, String subject)
      throws Exception {
    FileReport config = named(scan(unzipped(fixture)), "config.json");
    assertThat(config.format()).isEqualTo(ModelFormat.KERAS_CONFIG);
    assertThat(config.findings())
        .filteredOn(f -> f.rule().value().equals(rule))
        .as("%s", config.findings())
        .anySatisfy(f -> {
          assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
          assertThat(f.subject()).isEqualTo(subject);
        });
  }

  @Test
  void metadataAloneMarksTheFolderAndAConfigScannedAloneToo() throws Exception {
    Path folder = unzipped("evil-lambda.keras");
    Files.delete(folder.resolve("model.weights.h5"));
    FileReport config = Scanner.standard().scanFile(folder.resolve("config.json"));
    assertThat(config.format()).isEqualTo(ModelFormat.KERAS_CONFIG);
    assertThat(config.findings()).extracting(Finding::severity).contains(Severity.CRITICAL);
  }

  @Test
  void aKerasConfigWithNoKerasMemberBesideItIsJson() throws Exception {
    Path folder = unzipped("evil-lambda.keras");
    Files.delete(folder.resolve("model.weights.h5"));
    Files.delete(folder.resolve("metadata.json"));
    assertThat(named(scan(folder), "config.json").format()).isEqualTo(ModelFormat.JSON);
  }

  @Test
  void aTransformersConfigBesideKerasWeightsStaysInert() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("bert"));
    Files.writeString(
        folder.resolve("config.json"),
        """
        {"architectures": ["BertModel"], "model_type": "bert", "hidden_size": 768,
         "transformers_version": "4.46.0", "torch_dtype": "float32"}
        """);
    Files.writeString(folder.resolve("metadata.json"), "{\"keras_version\": \"3.6.0\"}");
    FileReport config = named(scan(folder), "config.json");
    assertThat(config.format()).isEqualTo(ModelFormat.JSON);
    assertThat(config.verdict()).isEqualTo(FileReport.Verdict.NOT_A_MODEL);
  }

  private FileReport folderWithTypeSpec(String module, String spec) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("typespec-" + module + "-" + spec));
    Files.writeString(
        folder.resolve("config.json"),
        """
        {"module": "keras", "class_name": "Sequential", "registered_name": null,
         "config": {"name": "s", "layers": []},
         "build_config": {"input_shape": {"class_name": "__typespec__", "spec_name": "SPEC",
           "module": "MODULE", "registered_name": null,
           "config": {"shape": [null, 4], "dtype": "float32", "name": null}}}}
        """
            .replace("SPEC", spec)
            .replace("MODULE", module));
    Files.writeString(folder.resolve("metadata.json"), "{\"keras_version\": \"3.6.0\"}");
    return named(scan(folder), "config.json");
  }

  @Test
  void tensorFlowsOwnTypeSpecsAreNotCustomObjects() throws Exception {
    FileReport tf = folderWithTypeSpec("tensorflow.python.framework.tensor_spec", "TensorSpec");
    assertThat(tf.format()).isEqualTo(ModelFormat.KERAS_CONFIG);
    assertThat(tf.findings()).isEmpty();
    assertThat(folderWithTypeSpec("tensorflow_extra.specs", "TensorSpec").findings())
        .extracting(f -> f.rule().value())
        .containsExactly("KERAS-003");
    assertThat(folderWithTypeSpec("tensorflow.python.framework", "Loader").findings())
        .extracting(f -> f.rule().value())
        .containsExactly("KERAS-003");
  }
}
