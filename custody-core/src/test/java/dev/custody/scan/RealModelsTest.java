package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.testkit.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real benign models made by Debian's torch, scikit-learn, joblib, numpy and onnx ({@code
 * src/test/fixtures/make_real_models.py}; versions in the folder's README). Every model file scans
 * completely with nothing at high or above, and the exact findings of all of them match {@code
 * findings.txt} (regenerate with {@code -Dcustody.updateGolden=true} after remaking the files).
 */
class RealModelsTest {
  private static final Path FOLDER = Path.of("src/test/resources/dev/custody/scan/real-models");

  /**
   * The raw tensor files ONNX models point at. They are not models (no loader reads them except
   * through the .onnx that names them): scanned alone they are unknown binaries, incomplete (the
   * golden file records that); in a folder scan they are the model's external data, clean.
   */
  private static final Set<String> EXTERNAL_DATA =
      Set.of(
          "onnx/external/model.onnx.data",
          "onnx/external-per-tensor/W",
          "onnx/external-per-tensor/B");

  static Stream<String> models() throws IOException {
    return files().stream().filter(f -> !EXTERNAL_DATA.contains(f));
  }

  private static List<String> files() throws IOException {
    try (Stream<Path> walk = Files.walk(FOLDER)) {
      List<String> files =
          walk.filter(Files::isRegularFile)
              .map(f -> FOLDER.relativize(f).toString())
              .filter(f -> !f.equals("README.md") && !f.equals("findings.txt"))
              .sorted()
              .toList();
      assertThat(files).hasSizeGreaterThanOrEqualTo(38);
      return files;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void scansCompletelyWithNothingAtHighOrAbove(String name) {
    FileReport report = Scanner.standard().scanFile(FOLDER.resolve(name));
    assertThat(report.completed()).as("scan of %s completed: %s", name, report.note()).isTrue();
    assertThat(report.findings())
        .as("findings of %s", name)
        .noneMatch(f -> f.severity().isAtLeast(Severity.HIGH));
    assertThat(report.format()).isNotIn(ModelFormat.UNKNOWN_BINARY, ModelFormat.TEXT);
  }

  @Test
  void findingsMatchTheGoldenFile() throws IOException {
    StringBuilder out = new StringBuilder();
    for (String name : files()) {
      FileReport report = Scanner.standard().scanFile(FOLDER.resolve(name));
      out.append(name)
          .append(": ")
          .append(report.format().label())
          .append(", ")
          .append(report.verdict().label())
          .append(
              report.completed() || report.verdict() == FileReport.Verdict.INCOMPLETE
                  ? ""
                  : ", incomplete")
          .append('\n');
      for (Finding f : report.findings()) {
        out.append("  ")
            .append(f.severity())
            .append(' ')
            .append(f.rule().value())
            .append(' ')
            .append(f.subject())
            .append(' ')
            .append(f.location())
            .append('\n');
      }
    }
    Golden.assertMatches("dev/custody/scan/real-models/findings.txt", out.toString());
  }

  @Test
  void theWholeFolderScansCompletelyWithNothingAtHighOrAbove() throws ScanException {
    ScanReport report = Scanner.standard().scan(List.of(FOLDER));
    assertThat(report.files()).hasSizeGreaterThanOrEqualTo(40);
    for (FileReport file : report.files()) {
      String name = FOLDER.relativize(file.path()).toString();
      boolean inert = file.format().isInert();
      assertThat(file.completed() || inert).as("scan of %s: %s", name, file.note()).isTrue();
      assertThat(file.findings())
          .as("findings of %s", name)
          .noneMatch(f -> f.severity().isAtLeast(Severity.HIGH));
      if (EXTERNAL_DATA.contains(name)) {
        assertThat(file.format()).isEqualTo(ModelFormat.ONNX_EXTERNAL_DATA);
        assertThat(file.verdict()).isEqualTo(FileReport.Verdict.CLEAN);
      }
    }
  }

  @Test
  void objectArraysAreReportedAsPicklesAtMediumOnly() {
    for (String name : List.of("numpy/objects.npy", "numpy/mixed-objects.npz")) {
      FileReport report = Scanner.standard().scanFile(FOLDER.resolve(name));
      assertThat(report.findings())
          .as("findings of %s", name)
          .singleElement()
          .satisfies(f -> {
            assertThat(f.rule().value()).isEqualTo("NUMPY-001");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
          });
    }
  }

  @Test
  void torchScriptArchivesAreLowOnly() {
    for (String name :
        List.of(
            "torch/torchscript-scripted.pt",
            "torch/torchscript-traced.pt",
            "torch/torchscript-control-flow.pt")) {
      FileReport report = Scanner.standard().scanFile(FOLDER.resolve(name));
      assertThat(report.findings())
          .as("findings of %s", name)
          .extracting(f -> f.rule().value() + " " + f.severity())
          .containsExactly("TORCH-001 LOW");
    }
  }
}
