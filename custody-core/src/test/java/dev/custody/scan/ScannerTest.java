package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.finding.Severity;
import dev.custody.testkit.PickleBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerTest {
  static final byte[] EVIL =
      PickleBuilder.create()
          .proto(2)
          .global("os", "system")
          .shortBinUnicode(PickleBuilder.MARKER)
          .tuple1()
          .reduce()
          .stop()
          .bytes();
  static final byte[] BENIGN =
      PickleBuilder.create()
          .proto(2)
          .emptyDict()
          .shortBinUnicode("hidden_size")
          .binInt1(4)
          .setItem()
          .stop()
          .bytes();

  @TempDir Path dir;

  private FileReport only(ScanReport report) {
    assertThat(report.files()).hasSize(1);
    return report.files().get(0);
  }

  private ScanReport scan(Path... paths) throws ScanException {
    return Scanner.standard().scan(List.of(paths));
  }

  @Test
  void findsTheMaliciousPickleWhateverItsName() throws Exception {
    Path file = Files.write(dir.resolve("README.md"), EVIL);
    FileReport report = only(scan(file));
    assertThat(report.format()).isEqualTo(ModelFormat.PICKLE);
    assertThat(report.verdict()).isEqualTo(FileReport.Verdict.FINDINGS);
    assertThat(report.hasFindingAtLeast(Severity.CRITICAL)).isTrue();
    assertThat(report.findings().get(0).subject()).contains("os.system");
  }

  @Test
  void aBenignPickleIsClean() throws Exception {
    FileReport report = only(scan(Files.write(dir.resolve("model.bin"), BENIGN)));
    assertThat(report.verdict()).isEqualTo(FileReport.Verdict.CLEAN);
    assertThat(report.completed()).isTrue();
    assertThat(report.note()).isEmpty();
  }

  @Test
  void textJsonAndEmptyFilesAreNotModels() throws Exception {
    Files.writeString(dir.resolve("README.md"), "# a model\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("tokenizer.json"), "{\"a\": 1}", StandardCharsets.UTF_8);
    Files.write(dir.resolve("empty.bin"), new byte[0]);
    ScanReport report = scan(dir);
    assertThat(report.files())
        .extracting(FileReport::verdict)
        .containsOnly(FileReport.Verdict.NOT_A_MODEL);
    assertThat(report.completed()).isTrue();
  }

  @Test
  void anUnknownBinaryIsIncompleteNotClean() throws Exception {
    FileReport report =
        only(scan(Files.write(dir.resolve("weights.bin"), new byte[] {3, 10, 17, 0, -1})));
    assertThat(report.format()).isEqualTo(ModelFormat.UNKNOWN_BINARY);
    assertThat(report.verdict()).isEqualTo(FileReport.Verdict.INCOMPLETE);
    assertThat(report.note()).contains("not scanned");
  }

  @Test
  void aFormatWithNoScannerIsIncomplete() throws Exception {
    // A registry without an HDF5 scanner: the file must be reported as not scanned, never clean.
    byte[] hdf5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
    Path file = Files.write(dir.resolve("m.h5"), hdf5);
    ScanReport report =
        new Scanner(ScanOptions.defaults(), FormatRegistry.empty()).scan(List.of(file));
    assertThat(only(report).format()).isEqualTo(ModelFormat.HDF5);
    assertThat(only(report).verdict()).isEqualTo(FileReport.Verdict.INCOMPLETE);
    assertThat(only(report).note()).contains("no hdf5 scanner");
  }

  @Test
  void anHdf5FileCustodyCannotReadIsIncomplete() throws Exception {
    byte[] hdf5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
    FileReport report = only(scan(Files.write(dir.resolve("m.h5"), hdf5)));
    assertThat(report.format()).isEqualTo(ModelFormat.HDF5);
    assertThat(report.completed()).isFalse();
    assertThat(report.findings())
        .anySatisfy(f -> assertThat(f.rule().value()).isEqualTo("KERAS-008"));
  }

  @Test
  void walksFoldersReportsSymlinksAndSkipsGit() throws Exception {
    Files.createDirectories(dir.resolve("sub/deeper"));
    Files.createDirectories(dir.resolve(".git/objects"));
    Files.write(dir.resolve(".git/objects/ab"), new byte[] {0x78, (byte) 0x9c, 1});
    Files.write(dir.resolve("sub/deeper/evil.pkl"), EVIL);
    Files.write(dir.resolve("benign.pkl"), BENIGN);
    Files.createSymbolicLink(dir.resolve("link.pkl"), dir.resolve("sub/deeper/evil.pkl"));
    ScanReport report = scan(dir);
    assertThat(report.files())
        .extracting(f -> dir.relativize(f.path()).toString())
        .containsExactly("benign.pkl", "link.pkl", "sub/deeper/evil.pkl");
    FileReport link = report.files().get(1);
    assertThat(link.format()).isEqualTo(ModelFormat.SYMLINK);
    assertThat(link.verdict()).isEqualTo(FileReport.Verdict.INCOMPLETE);
    assertThat(link.note()).contains("symlink").contains("not followed");
  }

  @Test
  void aSymlinkNamedByTheCallerIsFollowed() throws Exception {
    Path evil = Files.write(dir.resolve("evil.pkl"), EVIL);
    Path link = Files.createSymbolicLink(dir.resolve("link.pkl"), evil);
    assertThat(only(scan(link)).verdict()).isEqualTo(FileReport.Verdict.FINDINGS);
  }

  @Test
  void aFolderNamedThroughASymlinkIsWalked() throws Exception {
    Path real = Files.createDirectories(dir.resolve("real"));
    Files.write(real.resolve("evil.pkl"), EVIL);
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    FileReport report = only(scan(link));
    assertThat(report.path()).isEqualTo(link.resolve("evil.pkl"));
    assertThat(report.verdict()).isEqualTo(FileReport.Verdict.FINDINGS);
  }

  @Test
  void aMissingPathIsAnException() {
    assertThatThrownBy(() -> scan(dir.resolve("nope")))
        .isInstanceOf(ScanException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void scansThousandsOfSmallFilesInOneProcess() throws Exception {
    for (int i = 0; i < 2000; i++) {
      Path sub = Files.createDirectories(dir.resolve("d" + (i % 20)));
      Files.write(sub.resolve("f" + i + ".pkl"), i == 1234 ? EVIL : BENIGN);
    }
    ScanReport report = scan(dir);
    assertThat(report.files()).hasSize(2000);
    assertThat(report.count(FileReport.Verdict.CLEAN)).isEqualTo(1999);
    assertThat(report.count(FileReport.Verdict.FINDINGS)).isEqualTo(1);
    assertThat(report.hasFindingAtLeast(Severity.HIGH)).isTrue();
  }

  @Test
  void nestedContentIsDetectedAndScannedWithinBudgets() {
    // A toy container: gzip magic, then one member (the rest of the bytes).
    FormatScanner container =
        (bytes, nested) ->
            nested
                .scan(bytes.slice(bytes.position() + 2, bytes.remaining() - 2), "inner")
                .inside("inner");
    FormatRegistry registry = FormatRegistry.standard().with(ModelFormat.GZIP, container);
    ScanResult result =
        new Scanner(ScanOptions.defaults(), registry).scan(ByteBuffer.wrap(wrapped(EVIL)));
    assertThat(result.hasFindingAtLeast(Severity.CRITICAL)).isTrue();
    assertThat(result.findings().get(0).location().containers()).containsExactly("inner");

    ScanResult tooDeep =
        new Scanner(ScanOptions.defaults().withNesting(0, 1 << 20), registry)
            .scan(ByteBuffer.wrap(wrapped(EVIL)));
    assertThat(tooDeep.completed()).isFalse();
    assertThat(tooDeep.findings()).extracting(f -> f.rule().value()).containsExactly("SCAN-001");

    ScanResult overBudget =
        new Scanner(ScanOptions.defaults().withNesting(8, 4), registry)
            .scan(ByteBuffer.wrap(wrapped(EVIL)));
    assertThat(overBudget.completed()).isFalse();
    assertThat(overBudget.findings()).extracting(f -> f.rule().value()).containsExactly("SCAN-002");

    ScanResult unknownInside =
        new Scanner(ScanOptions.defaults(), registry)
            .scan(ByteBuffer.wrap(wrapped(new byte[] {3, 0, 0, -1})));
    assertThat(unknownInside.completed()).isFalse();
    assertThat(unknownInside.findings())
        .extracting(f -> f.rule().value())
        .containsExactly("SCAN-003");

    ScanResult bomb =
        new Scanner(ScanOptions.defaults(), registry)
            .scan(
                ByteBuffer.wrap(
                    wrapped(
                        wrapped(
                            wrapped(wrapped(wrapped(wrapped(wrapped(wrapped(wrapped(EVIL)))))))))));
    assertThat(bomb.completed()).isFalse();
    assertThat(bomb.findings()).extracting(f -> f.rule().value()).containsExactly("SCAN-001");
  }

  private static byte[] wrapped(byte[] member) {
    byte[] out = new byte[member.length + 2];
    out[0] = 0x1f;
    out[1] = (byte) 0x8b;
    System.arraycopy(member, 0, out, 2, member.length);
    return out;
  }

  @Test
  void aFailingScannerMakesItsFileIncompleteNotTheScanFail() throws Exception {
    FormatRegistry registry =
        FormatRegistry.empty()
            .with(
                ModelFormat.PICKLE,
                (bytes, nested) -> {
                  throw new IllegalStateException("boom");
                });
    Files.write(dir.resolve("a.pkl"), EVIL);
    ScanReport report = new Scanner(ScanOptions.defaults(), registry).scan(List.of(dir));
    assertThat(only(report).completed()).isFalse();
    assertThat(only(report).findings().get(0).explanation()).contains("boom");
  }

  @Test
  void aFileOverTheSizeLimitIsNotRead() throws IOException, ScanException {
    Files.write(dir.resolve("big.pkl"), EVIL);
    ScanReport report =
        new Scanner(ScanOptions.defaults().withMaxFileBytes(4), FormatRegistry.standard())
            .scan(List.of(dir));
    assertThat(only(report).verdict()).isEqualTo(FileReport.Verdict.INCOMPLETE);
    assertThat(only(report).note()).contains("more than the scan limit");
  }

  @Test
  void findsAPickleInsideAGzipThroughTheRegisteredContainerScanners() throws Exception {
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(EVIL);
    }

    ScanResult result = Scanner.standard().scan(java.nio.ByteBuffer.wrap(gz.toByteArray()));

    assertThat(result.findings()).isNotEmpty();
    assertThat(result.findings().get(0).subject()).contains("os.system");
    assertThat(result.findings().get(0).location().containers()).isNotEmpty();
  }
}
