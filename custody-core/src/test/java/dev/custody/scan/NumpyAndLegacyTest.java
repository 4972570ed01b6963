package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Severity;
import dev.custody.testkit.PickleBuilder;
import dev.custody.testkit.ZipBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** numpy .npy/.npz files made by the real numpy, malicious object arrays, legacy torch files. */
class NumpyAndLegacyTest {
  private static final Path ARRAYS = Path.of("src/test/resources/dev/custody/scan/arrays");
  private static final NestedScanner AS_PICKLE = ContainerTechniquesTest.AS_PICKLE;

  static Stream<Path> arrays() throws IOException {
    try (Stream<Path> files = Files.list(ARRAYS)) {
      List<Path> all =
          files
              .filter(f -> f.toString().endsWith(".npy") || f.toString().endsWith(".npz"))
              .sorted()
              .toList();
      assertThat(all).hasSizeGreaterThanOrEqualTo(10);
      return all.stream();
    }
  }

  static ScanResult scan(byte[] bytes) {
    ByteBuffer data = ByteBuffer.wrap(bytes);
    return NpyScanner.matches(data)
        ? NpyScanner.standard().scan(data)
        : ZipScanner.standard().scanAny(data, AS_PICKLE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrays")
  void realArraysGetNothingAtHighOrAbove(Path file) throws IOException {
    ScanResult result = scan(Files.readAllBytes(file));
    assertThat(result.completed()).as("%s: %s", file, result.findings()).isTrue();
    assertThat(result.findings())
        .as("%s", file)
        .noneMatch(f -> f.severity().isAtLeast(Severity.HIGH));
    boolean objects = file.getFileName().toString().startsWith("object");
    assertThat(result.findings().stream().anyMatch(f -> f.rule().value().equals("NUMPY-001")))
        .as("%s has an object array", file)
        .isEqualTo(objects);
  }

  static byte[] npy(String descr, byte[] data) {
    String dict = "{'descr': " + descr + ", 'fortran_order': False, 'shape': (1,), }";
    StringBuilder header = new StringBuilder(dict);
    while ((10 + header.length() + 1) % 64 != 0) {
      header.append(' ');
    }
    header.append('\n');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(header.length() & 0xff);
    out.write(header.length() >> 8);
    out.writeBytes(header.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    return out.toByteArray();
  }

  @Test
  void findsThePayloadOfAnObjectArray() {
    ScanResult result = scan(npy("'|O'", ContainerTechniquesTest.EVIL));
    assertThat(result.worst()).contains(Severity.CRITICAL);
    assertThat(result.findings()).anyMatch(f -> f.rule().value().equals("NUMPY-001"));
  }

  @Test
  void findsObjectFieldsInStructuredAndCommaDtypes() {
    for (String descr : new String[] {"[('a', '<i4'), ('b', 'O')]", "\"i4,O\"", "'object'"}) {
      ScanResult result = scan(npy(descr, ContainerTechniquesTest.EVIL));
      assertThat(result.worst()).as(descr).contains(Severity.CRITICAL);
    }
  }

  @Test
  void readsOnlyThePickleNumpyLoadsAndIgnoresTrailingBytes() {
    byte[] data = new byte[ContainerTechniquesTest.EMPTY.length + 3];
    System.arraycopy(ContainerTechniquesTest.EMPTY, 0, data, 0, 4);
    data[4] = (byte) 0xff;
    ScanResult result = scan(npy("'|O'", data));
    assertThat(result.completed()).isTrue();
    assertThat(result.findings()).noneMatch(f -> f.severity().isAtLeast(Severity.HIGH));
  }

  @Test
  void neverReadsNumericDataAsAPickle() {
    ScanResult result = scan(npy("'<f4'", ContainerTechniquesTest.EVIL));
    assertThat(result.findings()).isEmpty();
    assertThat(result.completed()).isTrue();
  }

  @Test
  void reportsAHeaderItCannotReadAsIncomplete() {
    ScanResult result = scan(npy("__import__('os')", new byte[0]));
    assertThat(result.completed()).isFalse();
    assertThat(result.findings()).extracting(f -> f.rule().value()).containsExactly("NUMPY-002");
  }

  @Test
  void findsAMaliciousObjectArrayInsideAnNpz() {
    byte[] npz =
        ZipBuilder.create()
            .stored("weights.npy", npy("'<f4'", new byte[4]))
            .done()
            .deflated("meta.npy", npy("'|O'", ContainerTechniquesTest.EVIL))
            .done()
            .bytes();
    ScanResult result = scan(npz);
    assertThat(result.worst()).contains(Severity.CRITICAL);
    assertThat(result.findings().get(0).location().containers())
        .containsExactly("meta.npy", "object array pickle");
  }

  // --- legacy torch --------------------------------------------------------------------------

  static final byte[] MAGIC = HexFormat.of().parseHex("80028a0a6cfc9c46f9206aa850192e");
  private static final byte[] PROTOCOL = HexFormat.of().parseHex("80024de9032e");

  static byte[] sysInfo() {
    return PickleBuilder.create()
        .proto(2)
        .emptyDict()
        .shortBinUnicode("protocol_version")
        .binInt(1001)
        .setItem()
        .stop()
        .bytes();
  }

  static byte[] keys() {
    return PickleBuilder.create().proto(2).emptyList().shortBinUnicode("0").append().stop().bytes();
  }

  static byte[] legacy(byte[] magic, byte[] object) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(magic);
    out.writeBytes(PROTOCOL);
    out.writeBytes(sysInfo());
    out.writeBytes(object);
    out.writeBytes(keys());
    out.writeBytes(new byte[] {4, 0, 0, 0, 0, 0, 0, 0});
    // Storage bytes that are not a pickle: 0x80 0xff is an invalid protocol.
    out.writeBytes(new byte[] {(byte) 0x80, (byte) 0xff, 0, 0, 0, 0, (byte) 0x80, 0x3f});
    return out.toByteArray();
  }

  @Test
  void legacyCheckpointIsScannedPickleByPickleNotItsStorage() throws IOException {
    byte[] state =
        Files.readAllBytes(
            Path.of("src/test/resources/dev/custody/scan/benign/torchstyle-state-dict-p2.pkl"));
    byte[] file = legacy(MAGIC, state);
    assertThat(LegacyTorchScanner.matches(ByteBuffer.wrap(file))).isTrue();
    ScanResult result = LegacyTorchScanner.standard().scan(ByteBuffer.wrap(file));
    assertThat(result.completed()).as("%s", result.findings()).isTrue();
    assertThat(result.findings()).noneMatch(f -> f.severity().isAtLeast(Severity.HIGH));
  }

  @Test
  void findsAPayloadInTheFourthLegacyPickle() {
    ScanResult result =
        LegacyTorchScanner.standard()
            .scan(ByteBuffer.wrap(legacy(MAGIC, ContainerTechniquesTest.EVIL)));
    assertThat(result.worst()).contains(Severity.CRITICAL);
    assertThat(result.findings().get(0).location().containers().get(0))
        .startsWith("legacy pickle 4");
  }

  @Test
  void flagsAComputedMagicNumber() {
    byte[] computed =
        PickleBuilder.create()
            .proto(2)
            .global("builtins", "eval")
            .shortBinUnicode("0x1950a86a20f9469cfc6c")
            .tuple1()
            .reduce()
            .stop()
            .bytes();
    byte[] file = legacy(computed, ContainerTechniquesTest.EMPTY);
    ScanResult result = LegacyTorchScanner.standard().scan(ByteBuffer.wrap(file));
    assertThat(result.worst()).contains(Severity.CRITICAL);
    assertThat(result.findings()).anyMatch(f -> f.rule().value().equals("TORCH-003"));
  }
}
