package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras: {@code .keras} archives and legacy {@code .h5} files in the layouts Keras writes, made by
 * {@code src/test/fixtures/make_keras.py} with h5py and zipfile. The benign ones have no finding at
 * high or above; every technique of research/scanners.md §2 for Keras is caught.
 */
class KerasScannerTest {

  static byte[] fixture(String name) throws IOException {
    try (InputStream in =
        KerasScannerTest.class.getResourceAsStream("/dev/custody/scan/keras/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readNBytes(1 << 20);
    }
  }

  /** The whole pipeline: detection, the registry, nested members. */
  private static ScanResult scan(byte[] file) {
    return Scanner.standard().scan(ByteBuffer.wrap(file));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "benign-sequential.keras",
        "benign-functional.keras",
        "benign-shared-builtin-function.keras",
        "benign-vocabulary-asset.keras",
        "benign-keras2.h5",
        "benign-keras2-vlen.h5",
        "benign-userblock.h5",
        "benign-latest-dense-attributes.h5",
        "benign-weights-only.h5"
      })
  void benignModelsAreCleanAndComplete(String name) throws IOException {
    ScanResult result = scan(fixture(name));
    assertThat(result.completed()).as("%s", result.findings()).isTrue();
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void benignFilesAreDetectedByContent() throws IOException {
    assertThat(FormatDetector.detect(fixture("benign-sequential.keras")))
        .isEqualTo(ModelFormat.KERAS_ZIP);
    assertThat(FormatDetector.detect(fixture("benign-userblock.h5"))).isEqualTo(ModelFormat.HDF5);
  }

  @Test
  void aRegisteredCustomObjectIsMediumOnly() throws IOException {
    ScanResult result = scan(fixture("custom-registered.keras"));
    assertThat(result.completed()).isTrue();
    assertThat(result.hasFindingAtLeast(Severity.HIGH)).isFalse();
    assertThat(result.findings())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.rule().value()).isEqualTo("KERAS-004");
          assertThat(f.subject()).isEqualTo("my_project.layers.Residual");
          assertThat(f.explanation()).contains("'MyProject>Residual'");
        });
  }

  static Stream<Arguments> techniques() {
    return Stream.of(
        Arguments.of("evil-lambda.keras", "KERAS-001", Severity.CRITICAL, "layer 'lambda'"),
        Arguments.of(
            "evil-lambda-output-shape.keras", "KERAS-001", Severity.CRITICAL, "layer 'lambda'"),
        Arguments.of("evil-generic-lambda.keras", "KERAS-001", Severity.CRITICAL, "layer 'dense'"),
        Arguments.of("evil-module-popen.keras", "KERAS-003", Severity.CRITICAL, "subprocess.Popen"),
        Arguments.of("evil-function-os-system.keras", "KERAS-003", Severity.CRITICAL, "os.system"),
        Arguments.of(
            "evil-enable-unsafe.keras",
            "KERAS-002",
            Severity.CRITICAL,
            "keras.config.enable_unsafe_deserialization"),
        Arguments.of("evil-enable-unsafe.keras", "KERAS-001", Severity.CRITICAL, "layer 'lambda'"),
        Arguments.of("evil-get-file.keras", "KERAS-002", Severity.CRITICAL, "keras.utils.get_file"),
        Arguments.of(
            "evil-get-file.keras",
            "KERAS-006",
            Severity.MEDIUM,
            "https://example.com/custody-fixture"),
        Arguments.of(
            "evil-keras-src-get-file.keras",
            "KERAS-002",
            Severity.CRITICAL,
            "keras.src.utils.file_utils.get_file"),
        Arguments.of(
            "evil-dotted-class-name.keras", "KERAS-002", Severity.CRITICAL, "keras.utils.get_file"),
        Arguments.of(
            "evil-lookalike-module.keras", "KERAS-003", Severity.HIGH, "Keras.layers.Dense"),
        Arguments.of(
            "evil-lookalike-module.keras", "KERAS-003", Severity.HIGH, "keras_extra.layers.Dense"),
        Arguments.of(
            "evil-lookalike-module.keras",
            "KERAS-003",
            Severity.HIGH,
            "tensorflow_keras.layers.Dense"),
        Arguments.of(
            "evil-torch-module-wrapper.keras",
            "KERAS-005",
            Severity.CRITICAL,
            "layer 'torch_module_wrapper'"),
        Arguments.of("evil-torch-module-wrapper.keras", "PICKLE-001", Severity.CRITICAL, null),
        Arguments.of(
            "evil-nested-model.keras", "KERAS-001", Severity.CRITICAL, "layer 'deep_lambda'"),
        Arguments.of("evil-shared-object.keras", "KERAS-001", Severity.CRITICAL, "layer 'shared'"),
        Arguments.of(
            "evil-compile-config.keras", "KERAS-001", Severity.CRITICAL, "layer 'sequential'"),
        Arguments.of("evil-typespec.keras", "KERAS-003", Severity.CRITICAL, "os.system"),
        Arguments.of("evil-duplicate-config.keras", "KERAS-001", Severity.CRITICAL, null),
        Arguments.of("evil-duplicate-config.keras", "ZIP-004", null, null),
        Arguments.of("evil-no-metadata.keras", "KERAS-001", Severity.CRITICAL, "layer 'lambda'"),
        Arguments.of("evil-weights-h5-lambda.keras", "KERAS-001", Severity.CRITICAL, null),
        Arguments.of("evil-lambda-keras2.h5", "KERAS-001", Severity.CRITICAL, "layer 'lambda'"),
        Arguments.of("evil-lambda-keras3.h5", "KERAS-001", Severity.CRITICAL, "layer 'lambda'"),
        Arguments.of("evil-lambda-module-function.h5", "KERAS-003", Severity.CRITICAL, "os.system"),
        Arguments.of("evil-training-config.h5", "KERAS-003", Severity.CRITICAL, "subprocess.Popen"),
        Arguments.of(
            "evil-lambda-userblock-latest.h5", "KERAS-001", Severity.CRITICAL, "layer 'lambda'"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("techniques")
  void techniquesAreCaught(String file, String rule, Severity severity, String subject)
      throws IOException {
    ScanResult result = scan(fixture(file));
    assertThat(result.completed()).as("%s", result.findings()).isTrue();
    assertThat(result.findings())
        .as("%s", result.findings())
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo(rule);
          if (severity != null) {
            assertThat(f.severity()).isEqualTo(severity);
          }
          if (subject != null) {
            assertThat(f.subject()).isEqualTo(subject);
          }
        });
  }

  @Test
  void findingsSayWhereInTheConfigAndWhichMember() throws IOException {
    Finding lambda =
        scan(fixture("evil-nested-model.keras")).findings().stream()
            .filter(f -> f.rule().value().equals("KERAS-001"))
            .findFirst()
            .orElseThrow();
    assertThat(lambda.location().containers()).containsExactly("config.json");
    assertThat(lambda.explanation())
        .contains("/config/layers/2/config/layers/2/config/function")
        .contains("bytes of marshalled Python bytecode");
    Finding h5 =
        scan(fixture("evil-training-config.h5")).findings().stream()
            .filter(f -> f.rule().value().equals("KERAS-003"))
            .findFirst()
            .orElseThrow();
    assertThat(h5.location().containers()).containsExactly("training_config attribute");
  }

  @Test
  void aBrokenConfigIsIncomplete() throws IOException {
    ScanResult result = scan(fixture("broken-config.keras"));
    assertThat(result.completed()).isFalse();
    assertThat(result.findings())
        .anySatisfy(f -> assertThat(f.rule().value()).isEqualTo("KERAS-007"));
  }

  @Test
  void aConfigWithDuplicateKeysIsIncomplete() {
    String json = "{\"class_name\": \"Dense\", \"class_name\": \"Lambda\", \"config\": {}}";
    ScanResult result =
        KerasConfig.scan(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), unscanned());
    assertThat(result.completed()).isFalse();
    assertThat(result.findings().get(0).rule().value()).isEqualTo("KERAS-007");
  }

  @Test
  void builtinsFunctionsMapToKerasButDangerousBuiltinsDoNot() {
    String benign =
        "{\"module\": \"builtins\", \"class_name\": \"function\", \"config\": \"relu\","
            + " \"registered_name\": \"function\"}";
    assertThat(judge(benign)).isEqualTo(ScanResult.clean());
    String eval =
        "{\"module\": \"builtins\", \"class_name\": \"function\", \"config\": \"eval\","
            + " \"registered_name\": null}";
    assertThat(judge(eval).findings())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.rule().value()).isEqualTo("KERAS-003");
          assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        });
  }

  @Test
  void aTorchWrapperWhoseModuleDecodesToNothingIsStillCritical() {
    String json =
        "{\"module\": \"keras.layers\", \"class_name\": \"TorchModuleWrapper\","
            + " \"config\": {\"name\": \"t\", \"module\": \"%%%\"}}";
    assertThat(judge(json).findings())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.rule().value()).isEqualTo("KERAS-005");
          assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
          assertThat(f.explanation()).contains("holds a 0-byte torch.save file");
        });
  }

  @Test
  void shortAndUpperCaseUrlsAreRemoteLocations() {
    assertThat(judge("[\"hf://a\", \"HTTPS://example.com/x\", \"relative/path\"]").findings())
        .extracting(f -> f.rule().value() + " " + f.subject())
        .containsExactlyInAnyOrder("KERAS-006 hf://a", "KERAS-006 HTTPS://example.com/x");
  }

  @Test
  void findingsAreCappedAndTheCapMakesTheScanIncomplete() {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < KerasConfig.MAX_FINDINGS + 5; i++) {
      json.append(i == 0 ? "" : ",").append("\"https://example.com/").append(i).append('"');
    }
    ScanResult result = judgeText(json.append(']').toString());
    assertThat(result.completed()).isFalse();
    assertThat(result.findings()).hasSize(KerasConfig.MAX_FINDINGS + 1);
  }

  private static ScanResult judge(String json) {
    return judgeText(json);
  }

  private static ScanResult judgeText(String json) {
    return KerasConfig.scan(json, unscanned());
  }

  private static NestedScanner unscanned() {
    return NestedScanner.UNSCANNED;
  }
}
