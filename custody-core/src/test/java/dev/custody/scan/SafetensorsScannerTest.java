package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.testkit.SafetensorsBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafetensorsScannerTest {
  private static final String W =
      "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}";

  private static ScanResult scan(byte[] file) {
    return SafetensorsScanner.standard().scan(file);
  }

  @Test
  void cleanFilesAreClean() {
    assertThat(scan(SafetensorsBuilder.file(W + "}", 16))).isEqualTo(ScanResult.clean());
    String two =
        "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"a\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,6]},"
            + "\"s\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[6,14]},"
            + "\"e\":{\"dtype\":\"F16\",\"shape\":[0,4],\"data_offsets\":[14,14]},"
            + "\"f4\":{\"dtype\":\"F4\",\"shape\":[4],\"data_offsets\":[14,16]}}";
    assertThat(scan(SafetensorsBuilder.file(two, 16))).isEqualTo(ScanResult.clean());
    assertThat(scan(SafetensorsBuilder.file("  \n" + W + "}", 16)).findings()).isEmpty();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("short file", new byte[] {1, 2, 3}, "SAFETENSORS-001", Severity.MEDIUM),
        Arguments.of(
            "header length past the end",
            SafetensorsBuilder.withLength(1000, "{}".getBytes(StandardCharsets.UTF_8)),
            "SAFETENSORS-001",
            Severity.MEDIUM),
        Arguments.of(
            "header length near 2^64",
            SafetensorsBuilder.withLength(-8, new byte[8]),
            "SAFETENSORS-001",
            Severity.MEDIUM),
        Arguments.of(
            "header above 100 MB",
            SafetensorsBuilder.withLength(100_000_001, new byte[8]),
            "SAFETENSORS-001",
            Severity.MEDIUM),
        Arguments.of(
            "duplicate tensor names",
            SafetensorsBuilder.file(
                W + ",\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 16),
            "SAFETENSORS-001",
            Severity.MEDIUM),
        Arguments.of(
            "not JSON", SafetensorsBuilder.file("{\"w\":", 0), "SAFETENSORS-001", Severity.MEDIUM),
        Arguments.of(
            "unknown dtype",
            SafetensorsBuilder.file(
                "{\"w\":{\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,16]}}", 16),
            "SAFETENSORS-002",
            Severity.MEDIUM),
        Arguments.of(
            "negative dimension",
            SafetensorsBuilder.file(
                "{\"w\":{\"dtype\":\"U8\",\"shape\":[-4],\"data_offsets\":[0,4]}}", 4),
            "SAFETENSORS-002",
            Severity.MEDIUM),
        Arguments.of(
            "fractional dimension",
            SafetensorsBuilder.file(
                "{\"w\":{\"dtype\":\"U8\",\"shape\":[4.0],\"data_offsets\":[0,4]}}", 4),
            "SAFETENSORS-002",
            Severity.MEDIUM),
        Arguments.of(
            "dtype × shape ≠ bytes",
            SafetensorsBuilder.file(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,8]}}", 8),
            "SAFETENSORS-002",
            Severity.MEDIUM),
        Arguments.of(
            "shape product overflows",
            SafetensorsBuilder.file(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}",
                0),
            "SAFETENSORS-002",
            Severity.MEDIUM),
        Arguments.of(
            "non-string metadata",
            SafetensorsBuilder.file("{\"__metadata__\":{\"n\":1}," + W.substring(1) + "}", 16),
            "SAFETENSORS-002",
            Severity.MEDIUM),
        Arguments.of(
            "offsets past the buffer",
            SafetensorsBuilder.file(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8),
            "SAFETENSORS-003",
            Severity.MEDIUM),
        Arguments.of(
            "overlapping tensors",
            SafetensorsBuilder.file(
                W + ",\"v\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16),
            "SAFETENSORS-003",
            Severity.MEDIUM),
        Arguments.of(
            "gap between tensors",
            SafetensorsBuilder.file(
                "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
                    + "\"b\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[64,68]}}",
                68),
            "SAFETENSORS-004",
            Severity.HIGH),
        Arguments.of(
            "data not starting at 0",
            SafetensorsBuilder.file(
                "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[4,8]}}", 8),
            "SAFETENSORS-004",
            Severity.HIGH),
        Arguments.of(
            "polyglot: a pickle after the last tensor",
            concat(SafetensorsBuilder.file(W + "}", 16), new byte[] {(byte) 0x80, 2, 'N', '.'}),
            "SAFETENSORS-004",
            Severity.HIGH));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void structuralProblemsAreFindings(String name, byte[] file, String rule, Severity severity) {
    ScanResult result = scan(file);
    assertThat(result.findings())
        .as(name)
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo(rule);
          assertThat(f.severity()).isEqualTo(severity);
        });
    for (Finding f : result.findings()) {
      assertThat(f.explanation()).doesNotContain("\n");
    }
  }

  @Test
  void aHeaderBeyondTheLimitsLeavesTheScanIncomplete() {
    byte[] file = SafetensorsBuilder.withLength(20 << 20, new byte[20 << 20]);
    ScanResult result = scan(file);
    assertThat(result.completed()).isFalse();
    assertThat(result.findings())
        .extracting(f -> f.rule().value())
        .containsExactly("SAFETENSORS-005");
  }

  @Test
  void readsTheHeaderFromAPrefixOfAHugeFile() {
    byte[] file =
        SafetensorsBuilder.file(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1073741824],\"data_offsets\":[0,4294967296]}}",
            0);
    ScanResult result =
        SafetensorsScanner.standard().scan(ByteBuffer.wrap(file), file.length + 4294967296L);
    assertThat(result).isEqualTo(ScanResult.clean());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
