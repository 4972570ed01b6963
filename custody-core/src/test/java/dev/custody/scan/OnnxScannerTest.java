package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ONNX: real models made by the onnx library ({@code src/test/fixtures/make_onnx.py}): the benign
 * ones are clean, every technique of research/scanners.md §2 for ONNX is caught at its severity.
 */
class OnnxScannerTest {

  static byte[] fixture(String name) throws IOException {
    try (InputStream in =
        OnnxScannerTest.class.getResourceAsStream("/dev/custody/scan/onnx/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readNBytes(1 << 20);
    }
  }

  private static ScanResult scan(byte[] model) {
    return OnnxScanner.standard().scan(model);
  }

  @Test
  void aRealMatMulReluModelIsClean() throws IOException {
    assertThat(scan(fixture("benign-matmul-relu.onnx"))).isEqualTo(ScanResult.clean());
  }

  @Test
  void inFolderExternalDataIsOnlyInformation() throws IOException {
    ScanResult result = scan(fixture("external/model.onnx"));
    assertThat(result.completed()).isTrue();
    assertThat(result.findings())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.rule().value()).isEqualTo("ONNX-003");
          assertThat(f.severity()).isEqualTo(Severity.INFO);
          assertThat(f.subject()).isEqualTo("weights.bin");
        });
  }

  static Stream<Arguments> techniques() {
    return Stream.of(
        Arguments.of(
            "evil-external-dotdot.onnx",
            "ONNX-001",
            Severity.CRITICAL,
            "../../../../../../etc/passwd"),
        Arguments.of(
            "evil-external-prefixed-dotdot.onnx",
            "ONNX-001",
            Severity.CRITICAL,
            "weights/../../../etc/shadow"),
        Arguments.of("evil-external-absolute.onnx", "ONNX-001", Severity.CRITICAL, "/etc/passwd"),
        Arguments.of(
            "evil-external-windows.onnx",
            "ONNX-001",
            Severity.CRITICAL,
            "C:\\\\Windows\\\\win.ini"),
        Arguments.of(
            "evil-external-backslash-dotdot.onnx",
            "ONNX-001",
            Severity.CRITICAL,
            "weights\\\\..\\\\..\\\\secret.bin"),
        Arguments.of("evil-custom-op.onnx", "ONNX-004", Severity.HIGH, "com.example.evil::Evil"),
        Arguments.of("evil-custom-op.onnx", "ONNX-006", Severity.MEDIUM, "com.example.evil"),
        Arguments.of("evil-subgraph.onnx", "ONNX-004", Severity.HIGH, "org.example.native::Hidden"),
        Arguments.of(
            "evil-subgraph.onnx", "ONNX-001", Severity.CRITICAL, "../../../../proc/self/environ"),
        Arguments.of("contrib-op.onnx", "ONNX-005", Severity.LOW, "com.microsoft::FusedMatMul"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("techniques")
  void techniquesAreCaught(String file, String rule, Severity severity, String subject)
      throws IOException {
    ScanResult result = scan(fixture(file));
    assertThat(result.completed()).isTrue();
    assertThat(result.findings())
        .as("%s", result.findings())
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo(rule);
          assertThat(f.severity()).isEqualTo(severity);
          assertThat(f.subject()).isEqualTo(subject);
        });
  }

  @Test
  void theContribDomainIsNotHigh() throws IOException {
    assertThat(scan(fixture("contrib-op.onnx")).hasFindingAtLeast(Severity.MEDIUM)).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "weights.bin|INSIDE",
        "data/w.bin|INSIDE",
        "./w.bin|INSIDE",
        "a/../w.bin|ODD",
        "a/b/../../w.bin|ODD",
        "a/../../w.bin|OUTSIDE",
        "..|OUTSIDE",
        "/abs|OUTSIDE",
        "\\\\server\\share|OUTSIDE",
        "c:w.bin|OUTSIDE",
        "#w|ODD",
        "a//b|ODD",
        "a\\b|ODD",
        "w.bin:stream|ODD",
        "~/w.bin|ODD"
      })
  void locationsAreJudgedLexically(String location, OnnxScanner.PathVerdict.Kind kind) {
    assertThat(OnnxScanner.PathVerdict.of(location).kind()).isEqualTo(kind);
  }

  static Stream<Arguments> wire() {
    return Stream.of(
        Arguments.of(
            "overlong varint",
            bytes(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01),
            "ONNX-007"),
        Arguments.of(
            "varint over 64 bits",
            bytes(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F),
            "ONNX-007"),
        Arguments.of("length past the parent", bytes(0x3A, 0x05, 0x0A, 0x10, 0, 0, 0), "ONNX-007"),
        Arguments.of("field zero", bytes(0x00, 0x00), "ONNX-007"),
        Arguments.of("group", bytes(0x3B), "ONNX-007"),
        Arguments.of("wire type 7", bytes(0x3F), "ONNX-007"),
        Arguments.of("truncated fixed64", bytes(0x09, 1, 2), "ONNX-007"),
        Arguments.of("graphs nested past the depth limit", deepGraphs(100), "ONNX-008"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wire")
  void malformedProtobufIsAFindingAndAnIncompleteScan(String name, byte[] model, String rule) {
    ScanResult result = scan(model);
    assertThat(result.completed()).isFalse();
    assertThat(result.findings()).extracting(f -> f.rule().value()).contains(rule);
  }

  @Test
  void aGraphWrittenTwiceIsMergedLikeProtobufDoes() throws IOException {
    byte[] evil = fixture("evil-custom-op.onnx");
    byte[] benign = fixture("benign-matmul-relu.onnx");
    byte[] both = java.util.Arrays.copyOf(benign, benign.length + evil.length);
    System.arraycopy(evil, 0, both, benign.length, evil.length);
    assertThat(scan(both).findings()).extracting(f -> f.rule().value()).contains("ONNX-004");
  }

  /** ModelProto.graph → node → attribute g → node → ... {@code depth} times. */
  private static byte[] deepGraphs(int depth) {
    byte[] graph = new byte[0];
    for (int i = 0; i < depth; i++) {
      byte[] attr = message(6, graph);
      byte[] node = message(5, attr);
      graph = message(1, node);
    }
    return message(7, graph);
  }

  private static byte[] message(int field, byte[] body) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    varint(out, (long) field << 3 | 2);
    varint(out, body.length);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void varint(java.io.ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
