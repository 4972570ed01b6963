package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ONNX model's external data judged with the folder in hand: the real onnx-made model of {@code
 * real-models/onnx/external} copied into a temporary folder, its data file then replaced by a
 * symlink, or missing.
 */
class OnnxExternalDataFolderTest {
  private static final Path REAL = Path.of("src/test/resources/dev/custody/scan/real-models/onnx");

  @TempDir Path dir;

  private Map<String, FileReport> scan(Path folder) throws ScanException {
    return Scanner.standard().scan(List.of(folder)).files().stream()
        .collect(
            Collectors.toMap(r -> folder.relativize(r.path()).toString(), Function.identity()));
  }

  private static FileReport named(Map<String, FileReport> reports, String name) {
    return java.util.Objects.requireNonNull(reports.get(name), () -> "no report for " + name);
  }

  private Path copyOfExternalModel() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.copy(REAL.resolve("external/model.onnx"), model.resolve("model.onnx"));
    Files.copy(REAL.resolve("external/model.onnx.data"), model.resolve("model.onnx.data"));
    return model;
  }

  @Test
  void dataNamedByTheModelIsCleanTensorData() throws Exception {
    Map<String, FileReport> reports = scan(copyOfExternalModel());
    FileReport data = named(reports, "model.onnx.data");
    assertThat(data.format()).isEqualTo(ModelFormat.ONNX_EXTERNAL_DATA);
    assertThat(data.verdict()).isEqualTo(FileReport.Verdict.CLEAN);
    assertThat(data.note()).contains("model.onnx");
    assertThat(named(reports, "model.onnx").verdict()).isEqualTo(FileReport.Verdict.CLEAN);
  }

  @Test
  void aSymlinkedDataFileIsHighOnTheModel() throws Exception {
    Path model = copyOfExternalModel();
    Path secret = Files.writeString(dir.resolve("id_ed25519"), "not really a key");
    Files.delete(model.resolve("model.onnx.data"));
    Files.createSymbolicLink(model.resolve("model.onnx.data"), secret);

    Map<String, FileReport> reports = scan(model);

    FileReport onnx = named(reports, "model.onnx");
    assertThat(onnx.findings())
        .filteredOn(f -> f.rule().value().equals("ONNX-009"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.HIGH);
          assertThat(f.subject()).isEqualTo("model.onnx.data");
        });
    assertThat(named(reports, "model.onnx.data").format()).isEqualTo(ModelFormat.SYMLINK);
  }

  @Test
  void anUnnamedBinaryBesideTheModelStaysIncomplete() throws Exception {
    Path model = copyOfExternalModel();
    Files.write(model.resolve("other.bin"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0x7f, 9, 8});

    FileReport other = named(scan(model), "other.bin");

    assertThat(other.format()).isEqualTo(ModelFormat.UNKNOWN_BINARY);
    assertThat(other.verdict()).isEqualTo(FileReport.Verdict.INCOMPLETE);
  }

  @Test
  void theDataFileScannedAloneIsStillIncomplete() throws Exception {
    Path model = copyOfExternalModel();
    FileReport data = Scanner.standard().scanFile(model.resolve("model.onnx.data"));
    assertThat(data.verdict()).isEqualTo(FileReport.Verdict.INCOMPLETE);
  }

  @Test
  void aDataFileShorterThanTheNamedRangesIsOnnx010() throws Exception {
    Path model = copyOfExternalModel();
    byte[] data = Files.readAllBytes(model.resolve("model.onnx.data"));
    // W reads bytes 0..256, B 256..272: cut inside B.
    Files.write(model.resolve("model.onnx.data"), java.util.Arrays.copyOf(data, 260));

    FileReport onnx = named(scan(model), "model.onnx");

    assertThat(onnx.findings())
        .filteredOn(f -> f.rule().value().equals("ONNX-010"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
          assertThat(f.explanation()).contains("'B'").contains("272").contains("260 bytes");
        });
  }

  @Test
  void anOffsetThatIsNotAByteCountIsOnnx010WithoutTheFolder() throws Exception {
    byte[] bytes = Files.readAllBytes(REAL.resolve("external/model.onnx"));
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("256"); // W's length, written by onnx as decimal text
    assertThat(at).isPositive();
    bytes[at + 1] = 'x';

    ScanResult result = OnnxScanner.standard().scan(bytes);

    assertThat(result.findings())
        .filteredOn(f -> f.rule().value().equals("ONNX-010"))
        .singleElement()
        .satisfies(f -> assertThat(f.explanation()).contains("'W'").contains("'2x6'"));
  }

  @Test
  void aHardLinkedDataFileIsOnnx011() throws Exception {
    Path model = copyOfExternalModel();
    Path elsewhere = Files.copy(model.resolve("model.onnx.data"), dir.resolve("credentials"));
    Files.delete(model.resolve("model.onnx.data"));
    Files.createLink(model.resolve("model.onnx.data"), elsewhere);

    Map<String, FileReport> reports = scan(model);

    assertThat(named(reports, "model.onnx").findings())
        .filteredOn(f -> f.rule().value().equals("ONNX-011"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
          assertThat(f.explanation()).contains("2 hard links");
        });
    assertThat(named(reports, "model.onnx.data").format())
        .isEqualTo(ModelFormat.ONNX_EXTERNAL_DATA);
  }
}
