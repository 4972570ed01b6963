package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.testkit.PickleBuilder;
import dev.custody.testkit.TorchCheckpoints;
import dev.custody.testkit.ZipBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every zip and PyTorch technique of research/scanners.md §2 (and variations) as a hand-built
 * fixture with a harmless marker payload, each detected at the right severity; and torch-layout
 * benign checkpoints that must get nothing at high or above.
 */
class ContainerTechniquesTest {
  /** os.system(MARKER) via GLOBAL + REDUCE: PICKLE-001, critical. */
  static final byte[] EVIL =
      PickleBuilder.create()
          .proto(2)
          .global("os", "system")
          .shortBinUnicode(PickleBuilder.MARKER)
          .tuple1()
          .reduce()
          .stop()
          .bytes();

  /** {@code {}} at protocol 2. */
  static final byte[] EMPTY = {(byte) 0x80, 2, '}', '.'};

  /** Scans nested members as pickles, as the facade does for pickle content. */
  static final NestedScanner AS_PICKLE = (bytes, name) -> PickleScanner.standard().scan(bytes);

  static byte[] stateDict() {
    return TorchCheckpoints.stateDictPickle();
  }

  static ScanResult torch(byte[] zip) {
    return TorchZipScanner.standard().scan(ByteBuffer.wrap(zip), AS_PICKLE);
  }

  static ScanResult zip(byte[] zip) {
    return ZipScanner.standard().scanAny(ByteBuffer.wrap(zip), AS_PICKLE);
  }

  static Arguments technique(
      String name, byte[] file, Function<byte[], ScanResult> scanner, String rule, Severity at) {
    return Arguments.of(name, file, scanner, rule, at);
  }

  static Stream<Arguments> techniques() {
    byte[] storage = TorchCheckpoints.arange4();
    Function<byte[], ScanResult> torch = ContainerTechniquesTest::torch;
    Function<byte[], ScanResult> zip = ContainerTechniquesTest::zip;
    return Stream.of(
        technique(
            "payload in archive/data.pkl",
            TorchCheckpoints.checkpoint("archive", EVIL, storage).bytes(),
            torch,
            "PICKLE-001",
            Severity.CRITICAL),
        technique(
            "payload under a renamed root folder",
            TorchCheckpoints.checkpoint("innocent_name", EVIL, storage).bytes(),
            torch,
            "PICKLE-001",
            Severity.CRITICAL),
        technique(
            "CVE-2025-1944: local name datap.kl, directory name data.pkl (payload found)",
            ZipBuilder.create()
                .torchRecord("archive/data.pkl", EVIL)
                .localName("archive/datap.kl")
                .done()
                .torchRecord("archive/data/0", storage)
                .done()
                .bytes(),
            torch,
            "PICKLE-001",
            Severity.CRITICAL),
        technique(
            "CVE-2025-1944: local name datap.kl, directory name data.pkl (reported)",
            ZipBuilder.create()
                .torchRecord("archive/data.pkl", EVIL)
                .localName("archive/datap.kl")
                .done()
                .bytes(),
            torch,
            "ZIP-001",
            Severity.HIGH),
        technique(
            "CVE-2025-1945: encryption bit 0 on plain data.pkl (payload still found)",
            ZipBuilder.create().stored("archive/data.pkl", EVIL).flags(0x0001).done().bytes(),
            torch,
            "PICKLE-001",
            Severity.CRITICAL),
        technique(
            "CVE-2025-1945: encryption bit 0 (reported)",
            ZipBuilder.create().stored("archive/data.pkl", EVIL).flags(0x0001).done().bytes(),
            torch,
            "ZIP-003",
            Severity.HIGH),
        technique(
            "CVE-2025-1945: bits 5 and 6",
            ZipBuilder.create().stored("archive/data.pkl", EVIL).flags(0x0060).done().bytes(),
            torch,
            "ZIP-003",
            Severity.HIGH),
        technique(
            "CVE-2025-10156: CRC-32 wrong in both headers (payload found)",
            ZipBuilder.create().stored("archive/data.pkl", EVIL).crc(0x12345678L).done().bytes(),
            torch,
            "PICKLE-001",
            Severity.CRITICAL),
        technique(
            "CVE-2025-10156: CRC-32 wrong in both headers (reported)",
            ZipBuilder.create().stored("archive/data.pkl", EVIL).crc(0x12345678L).done().bytes(),
            torch,
            "ZIP-002",
            Severity.HIGH),
        technique(
            "modelscan #355: broken sibling entry before data.pkl (payload found)",
            ZipBuilder.create()
                .stored("archive/broken", EMPTY)
                .directoryOffset(3)
                .done()
                .stored("archive/data.pkl", EVIL)
                .done()
                .bytes(),
            torch,
            "PICKLE-001",
            Severity.CRITICAL),
        technique(
            "modelscan #355: broken sibling entry (reported)",
            ZipBuilder.create()
                .stored("archive/broken", EMPTY)
                .directoryOffset(3)
                .done()
                .stored("archive/data.pkl", EVIL)
                .done()
                .bytes(),
            torch,
            "ZIP-007",
            Severity.MEDIUM),
        technique(
            "three data.pkl copies, payload in the middle one torch loads",
            ZipBuilder.create()
                .stored("archive/data.pkl", EMPTY)
                .done()
                .stored("archive/data.pkl", EVIL)
                .done()
                .stored("archive/data.pkl", EMPTY)
                .done()
                .bytes(),
            torch,
            "PICKLE-001",
            Severity.CRITICAL),
        technique(
            "duplicate names (reported)",
            ZipBuilder.create()
                .stored("archive/data.pkl", EMPTY)
                .done()
                .stored("archive/data.pkl", EVIL)
                .done()
                .bytes(),
            torch,
            "ZIP-004",
            Severity.HIGH),
        technique(
            "local header declares another size than the directory",
            ZipBuilder.create()
                .stored("archive/data.pkl", EVIL)
                .localCompressedSize(4)
                .done()
                .bytes(),
            torch,
            "ZIP-001",
            Severity.HIGH),
        technique(
            "stored member whose sizes differ",
            ZipBuilder.create()
                .stored("archive/data.pkl", EVIL)
                .directorySizes(EVIL.length, 4)
                .done()
                .bytes(),
            torch,
            "ZIP-012",
            Severity.HIGH),
        technique(
            "pickle hidden from the central directory (reported)",
            ZipBuilder.create()
                .stored("archive/evil.pkl", EVIL)
                .hiddenFromDirectory()
                .done()
                .stored("archive/data.pkl", EMPTY)
                .done()
                .bytes(),
            torch,
            "ZIP-008",
            Severity.HIGH),
        technique(
            "pickle hidden from the central directory (payload found)",
            ZipBuilder.create()
                .stored("archive/evil.pkl", EVIL)
                .hiddenFromDirectory()
                .done()
                .stored("archive/data.pkl", EMPTY)
                .done()
                .bytes(),
            torch,
            "PICKLE-001",
            Severity.CRITICAL),
        technique(
            "payload in another .pkl record",
            TorchCheckpoints.checkpoint("archive", EMPTY, storage)
                .stored("archive/extra.pkl", EVIL)
                .done()
                .bytes(),
            torch,
            "PICKLE-001",
            Severity.CRITICAL),
        technique(
            "CVE-2025-1889: payload under a non-pickle name inside the archive",
            TorchCheckpoints.checkpoint("archive", EMPTY, storage)
                .deflated("archive/extra/notes.txt", EVIL)
                .done()
                .bytes(),
            torch,
            "PICKLE-001",
            Severity.CRITICAL),
        technique(
            "payload in constants.pkl of a TorchScript archive",
            TorchCheckpoints.torchScript("m", EMPTY, EVIL).bytes(),
            torch,
            "PICKLE-001",
            Severity.CRITICAL),
        technique(
            "TorchScript archive is code (CVE-2025-32434)",
            TorchCheckpoints.torchScript("m", EMPTY, EMPTY).bytes(),
            torch,
            "TORCH-001",
            Severity.LOW),
        technique(
            "CVE-2026-24747: storage numel disagrees with its record",
            TorchCheckpoints.checkpoint("archive", stateDict(), new byte[8]).bytes(),
            torch,
            "TORCH-004",
            Severity.HIGH),
        technique(
            "storage record missing",
            ZipBuilder.create().torchRecord("archive/data.pkl", stateDict()).done().bytes(),
            torch,
            "TORCH-004",
            Severity.HIGH),
        technique(
            "tensor view past its storage",
            TorchCheckpoints.checkpoint("archive", bigView(), storage).bytes(),
            torch,
            "TORCH-004",
            Severity.HIGH),
        technique(
            "ZIP64 checkpoint with payload",
            ZipBuilder.create().zip64().stored("archive/data.pkl", EVIL).done().bytes(),
            zip,
            "PICKLE-001",
            Severity.CRITICAL),
        technique(
            "zip slip name",
            ZipBuilder.create().stored("../../outside.pkl", EMPTY).done().bytes(),
            zip,
            "ZIP-005",
            Severity.HIGH),
        technique(
            "absolute name",
            ZipBuilder.create().stored("/etc/cron.d/x", EMPTY).done().bytes(),
            zip,
            "ZIP-005",
            Severity.HIGH),
        technique(
            "backslash name",
            ZipBuilder.create().stored("..\\evil.pkl", EMPTY).done().bytes(),
            zip,
            "ZIP-005",
            Severity.HIGH),
        technique(
            "symbolic link member",
            ZipBuilder.create()
                .stored("model/link", "/etc/passwd".getBytes(StandardCharsets.UTF_8))
                .unixMode(0120777)
                .done()
                .bytes(),
            zip,
            "ZIP-013",
            Severity.HIGH),
        technique(
            "decompression bomb (8 MiB of zeros)",
            ZipBuilder.create().deflated("model/zeros.bin", new byte[8 << 20]).done().bytes(),
            zip,
            "ZIP-006",
            Severity.MEDIUM),
        technique(
            "overlapping members",
            ZipBuilder.create()
                .stored("model/a.bin", EMPTY)
                .done()
                .stored("model/b.bin", EMPTY)
                .directoryOffset(0)
                .done()
                .bytes(),
            zip,
            "ZIP-009",
            Severity.HIGH),
        technique(
            "data before the first local header",
            ZipBuilder.create()
                .prefix(new byte[] {'j', 'u', 'n', 'k'})
                .stored("archive/data.pkl", EMPTY)
                .directoryOffset(4)
                .done()
                .bytes(),
            zip,
            "ZIP-011",
            Severity.LOW),
        technique(
            "payload in a generic zip member",
            ZipBuilder.create().deflated("weights/model.bin", EVIL).done().bytes(),
            zip,
            "PICKLE-001",
            Severity.CRITICAL));
  }

  /** The state dict with the tensor's size 4 changed to 400 (offset 0, stride 1). */
  static byte[] bigView() {
    byte[] pickle = stateDict().clone();
    // BININT1 0, BININT1 4, TUPLE1: the size tuple after BINPERSID.
    for (int i = 0; i + 4 < pickle.length; i++) {
      if (pickle[i] == 'Q' && pickle[i + 1] == 'K' && pickle[i + 2] == 0 && pickle[i + 3] == 'K') {
        pickle[i + 4] = (byte) 200;
        return pickle;
      }
    }
    throw new IllegalStateException("no size tuple found");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("techniques")
  void detectsTechnique(
      String name,
      byte[] file,
      Function<byte[], ScanResult> scanner,
      String rule,
      Severity severity) {
    ScanResult result = scanner.apply(file);
    assertThat(result.findings())
        .as("%s: %s", name, result.findings())
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo(rule);
          assertThat(f.severity()).isEqualTo(severity);
        });
  }

  static Stream<Arguments> benign() {
    byte[] storage = TorchCheckpoints.arange4();
    return Stream.of(
        Arguments.of(
            "torch 2.x state dict",
            TorchCheckpoints.checkpoint("archive", stateDict(), storage).bytes()),
        Arguments.of(
            "renamed root", TorchCheckpoints.checkpoint("resnet18", stateDict(), storage).bytes()),
        Arguments.of(
            "ZIP64 records",
            ZipBuilder.create()
                .zip64()
                .torchRecord("archive/data.pkl", stateDict())
                .done()
                .torchRecord("archive/data/0", storage)
                .done()
                .torchRecord("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII))
                .done()
                .bytes()),
        Arguments.of("TorchScript", TorchCheckpoints.torchScript("m", stateDict(), EMPTY).bytes()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("benign")
  void benignCheckpointsGetNothingAtHighOrAbove(String name, byte[] file) {
    for (ScanResult result : new ScanResult[] {torch(file), zip(file)}) {
      assertThat(result.completed()).as("%s: %s", name, result.findings()).isTrue();
      assertThat(result.findings()).as(name).noneMatch(f -> f.severity().isAtLeast(Severity.HIGH));
    }
  }

  @Test
  void findingsInsideAMemberSayWhichMember() {
    ScanResult result =
        torch(TorchCheckpoints.checkpoint("archive", EVIL, TorchCheckpoints.arange4()).bytes());
    Finding worst = result.findings().get(0);
    assertThat(worst.location().containers()).containsExactly("archive/data.pkl");
    assertThat(result.completed()).isTrue();
  }

  @Test
  void storageRecordsAreNeverReadAsPickles() {
    byte[] fakeStorage = java.util.Arrays.copyOf(EVIL, 16);
    ScanResult result =
        torch(TorchCheckpoints.checkpoint("archive", stateDict(), fakeStorage).bytes());
    assertThat(result.findings()).noneMatch(f -> f.severity().isAtLeast(Severity.HIGH));
  }

  @Test
  void anEncryptedMemberLeavesTheScanIncomplete() {
    ScanResult result =
        torch(ZipBuilder.create().stored("archive/data.pkl", EMPTY).flags(1).done().bytes());
    assertThat(result.completed()).isFalse();
  }

  @Test
  void anUnreadableArchiveIsIncompleteWithZip010() {
    ScanResult result = zip(new byte[] {'P', 'K', 3, 4, 0, 0});
    assertThat(result.completed()).isFalse();
    assertThat(result.findings()).extracting(f -> f.rule().value()).containsExactly("ZIP-010");
  }
}
