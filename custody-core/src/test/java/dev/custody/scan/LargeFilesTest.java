package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.testkit.GgufBuilder;
import dev.custody.testkit.PickleBuilder;
import dev.custody.testkit.SparseFiles;
import dev.custody.testkit.SparseZip;
import dev.custody.testkit.TorchCheckpoints;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files past 2 GiB (one buffer) and 4 GiB (ZIP's 32-bit fields) scan completely, reading only their
 * index: sparse fixtures of 2.5 to 5 GiB that cost no disk, scanned by the real {@link Scanner}.
 * Each test skips, saying why, where the file system cannot make sparse files.
 */
class LargeFilesTest {
  private static final long GIB = 1L << 30;

  /** Generous: a scan that read the tensor bytes would take many seconds on a busy machine. */
  private static final Duration QUICK = Duration.ofSeconds(20);

  @TempDir Path dir;

  @BeforeEach
  void sparse() {
    SparseFiles.assumeSparse(dir);
  }

  private static FileReport scan(Path file) {
    return Scanner.standard().scanFile(file);
  }

  private static List<String> rules(FileReport report) {
    return report.findings().stream().map(f -> f.rule().value()).toList();
  }

  // --- safetensors -------------------------------------------------------------------------

  private static byte[] safetensorsHeader(long elements) {
    String json =
        "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F16\",\"shape\":["
            + elements
            + "],\"data_offsets\":[0,"
            + elements * 2
            + "]}}";
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 8; i++) {
      out.write((int) ((long) text.length >>> (8 * i)) & 0xff);
    }
    out.writeBytes(text);
    return out.toByteArray();
  }

  @Test
  void aThreeGigabyteSafetensorsFileScansCompletelyFromItsHeader() {
    long elements = 3 * GIB / 2;
    byte[] header = safetensorsHeader(elements);
    Path file =
        SparseFiles.create(dir.resolve("model.safetensors"), header, header.length + elements * 2);

    FileReport report = scan(file);

    assertThat(report.format()).isEqualTo(ModelFormat.SAFETENSORS);
    assertThat(report.completed()).as(report.note()).isTrue();
    assertThat(report.findings()).isEmpty();
    assertThat(report.duration()).isLessThan(QUICK);
  }

  @Test
  void aSafetensorsTensorPastTheEndOfALargeFileIsFound() {
    long elements = 3 * GIB / 2;
    byte[] header = safetensorsHeader(elements);
    // The header promises 3 GiB of tensor data; the file stops 1 MiB short.
    Path file =
        SparseFiles.create(
            dir.resolve("short.safetensors"), header, header.length + elements * 2 - (1 << 20));

    FileReport report = scan(file);

    assertThat(report.format()).isEqualTo(ModelFormat.SAFETENSORS);
    assertThat(rules(report)).isNotEmpty().allMatch(id -> id.startsWith("SAFETENSORS-"));
    assertThat(report.findings()).anyMatch(f -> f.severity().isAtLeast(Severity.MEDIUM));
  }

  // --- GGUF ----------------------------------------------------------------------------------

  private static GgufBuilder llama() {
    return GgufBuilder.create()
        .string("general.architecture", "llama")
        .string(
            "tokenizer.chat_template",
            "{% for message in messages %}{{ message['role'] }}: {{ message['content'] }}\n"
                + "{% endfor %}")
        .tensor("token_embd.weight", GgufBuilder.F16, 24_576, 65_536);
  }

  @Test
  void aThreeGigabyteGgufFileScansCompletelyFromItsMetadata() {
    GgufBuilder gguf = llama();
    byte[] header = gguf.headerBytes();
    Path file =
        SparseFiles.create(dir.resolve("model.gguf"), header, header.length + gguf.dataLength());

    FileReport report = scan(file);

    assertThat(report.format()).isEqualTo(ModelFormat.GGUF);
    assertThat(report.completed()).as(report.note()).isTrue();
    assertThat(report.findings()).isEmpty();
    assertThat(report.duration()).isLessThan(QUICK);
  }

  @Test
  void aGgufTensorPastTheEndOfALargeFileIsFound() {
    GgufBuilder gguf = llama();
    byte[] header = gguf.headerBytes();
    Path file =
        SparseFiles.create(
            dir.resolve("short.gguf"), header, header.length + gguf.dataLength() - 4096);

    FileReport report = scan(file);

    assertThat(report.format()).isEqualTo(ModelFormat.GGUF);
    assertThat(rules(report)).contains("GGUF-001");
  }

  // --- PyTorch zip ---------------------------------------------------------------------------

  @Test
  void aFiveGigabyteZip64CheckpointScansCompletelyWithoutReadingItsStorage() {
    long storage = 5 * GIB;
    Path file =
        TorchCheckpoints.sparseCheckpoint(
            dir.resolve("model.pt"),
            "archive",
            TorchCheckpoints.stateDictPickle((int) (storage / 4)),
            storage);

    FileReport report = scan(file);

    assertThat(report.format()).isEqualTo(ModelFormat.PYTORCH_ZIP);
    assertThat(report.completed()).as(report.note()).isTrue();
    assertThat(report.findings()).as("%s", report.findings()).isEmpty();
    assertThat(report.duration()).isLessThan(QUICK);
  }

  @Test
  void aMaliciousPickleInABigCheckpointIsFound() {
    Path file =
        TorchCheckpoints.sparseCheckpoint(
            dir.resolve("evil.pt"), "archive", ContainerTechniquesTest.EVIL, 5 * GIB / 2);

    FileReport report = scan(file);

    assertThat(report.format()).isEqualTo(ModelFormat.PYTORCH_ZIP);
    assertThat(report.completed()).as(report.note()).isTrue();
    assertThat(report.worst()).contains(Severity.CRITICAL);
    Finding worst = report.findings().get(0);
    assertThat(worst.location().containers()).containsExactly("archive/data.pkl");
    assertThat(worst.subject()).contains("os.system");
  }

  @Test
  void aPickleRecordAfterTheFourGigabyteMarkIsRead() {
    // The payload sits past 4 GiB, where only ZIP64 offsets reach, behind a benign data.pkl.
    Path file = dir.resolve("late.pt");
    try (SparseZip zip = SparseZip.create(file)) {
      zip.record("archive/data.pkl", ContainerTechniquesTest.EMPTY);
      zip.record("archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
      zip.zeros("archive/data/0", 9 * GIB / 2);
      zip.record("archive/extra.pkl", ContainerTechniquesTest.EVIL);
      zip.record("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    }

    FileReport report = scan(file);

    assertThat(report.completed()).as(report.note()).isTrue();
    assertThat(report.worst()).contains(Severity.CRITICAL);
    assertThat(report.findings().get(0).location().containers())
        .containsExactly("archive/extra.pkl");
  }

  @Test
  void aStorageRecordRunningPastTheEndOfTheFileIsFound() {
    long storage = 5 * GIB / 2;
    Path file = dir.resolve("truncated.pt");
    try (SparseZip zip = SparseZip.create(file)) {
      zip.record("archive/data.pkl", TorchCheckpoints.stateDictPickle((int) (storage / 4)));
      zip.record("archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
      // The directory claims the whole storage; only half of it is in the file.
      zip.zeros("archive/data/0", storage / 2, storage);
    }

    FileReport report = scan(file);

    assertThat(report.format()).isEqualTo(ModelFormat.PYTORCH_ZIP);
    assertThat(rules(report)).contains("ZIP-007");
    assertThat(report.findings())
        .filteredOn(f -> f.rule().value().equals("ZIP-007"))
        .allMatch(f -> f.subject().equals("archive/data/0"));
  }

  @Test
  void aHugeMemberOfAPlainZipIsReportedNotCopiedAndTheOthersAreScanned() {
    Path file = dir.resolve("bundle.zip");
    try (SparseZip zip = SparseZip.create(file)) {
      zip.zeros("blob.bin", 5 * GIB / 2);
      zip.record("payload.pkl", ContainerTechniquesTest.EVIL);
    }

    FileReport report = scan(file);

    assertThat(report.format()).isEqualTo(ModelFormat.ZIP);
    assertThat(report.completed()).isFalse();
    assertThat(report.worst()).contains(Severity.CRITICAL);
    assertThat(report.findings())
        .anyMatch(f -> f.subject().equals("blob.bin") && f.explanation().contains("not scanned"));
  }

  // --- legacy PyTorch and what cannot be read past 2 GiB ------------------------------------

  @Test
  void aLegacyCheckpointLargerThanOneBufferIsScannedPickleByPickle() {
    byte[] head = NumpyAndLegacyTest.legacy(NumpyAndLegacyTest.MAGIC, ContainerTechniquesTest.EVIL);
    Path file = SparseFiles.create(dir.resolve("legacy.pt"), head, 3 * GIB);

    FileReport report = scan(file);

    assertThat(report.format()).isEqualTo(ModelFormat.PICKLE);
    assertThat(report.completed()).as(report.note()).isTrue();
    assertThat(report.worst()).contains(Severity.CRITICAL);
  }

  @Test
  void aPlainPickleLargerThanOneBufferIsReportedNotScanned() {
    byte[] head = PickleBuilder.create().proto(4).emptyDict().bytes();
    Path file = SparseFiles.create(dir.resolve("huge.pkl"), head, 3 * GIB);

    FileReport report = scan(file);

    assertThat(report.format()).isEqualTo(ModelFormat.PICKLE);
    assertThat(report.completed()).isFalse();
    assertThat(report.verdict()).isEqualTo(FileReport.Verdict.INCOMPLETE);
    assertThat(report.note()).contains("3221225472 bytes").contains("not scanned (fail closed)");
  }

  @Test
  void bytesThatAreBothAPickleAndASafetensorsHeaderAreAPickle() {
    // PROTO 2, EMPTY_TUPLE, STOP: a whole pickle, and as a little-endian length 774,504,064,
    // which this file is long enough to hold as a safetensors header that starts with '{'.
    byte[] head = {(byte) 0x80, 2, ')', '.', 0, 0, 0, 0, '{', '}'};
    Path file = SparseFiles.create(dir.resolve("polyglot.bin"), head, 800L << 20);

    assertThat(scan(file).format()).isEqualTo(ModelFormat.PICKLE);
  }

  @Test
  void anUnknownBinaryLargerThanOneBufferIsIncomplete() {
    Path file = SparseFiles.create(dir.resolve("blob.bin"), new byte[] {1, 2, 3, 0}, 3 * GIB);

    FileReport report = scan(file);

    assertThat(report.format()).isEqualTo(ModelFormat.UNKNOWN_BINARY);
    assertThat(report.completed()).isFalse();
  }
}
