package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdOutputStream;
import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.format.archive.ArchiveLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;

/**
 * Archive techniques built in the test: bombs (by ratio, per stream, by the file's total), deep
 * nesting, zstd and 7z wrappers, a payload three containers deep, entry and name limits, lz4
 * joblib, corrupt streams. Payloads are harmless markers, never run.
 */
class ArchiveTechniquesTest {
  private static final byte[] EVIL =
      "cos\nsystem\n(S'echo custody-marker'\ntR.".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] BENIGN = {(byte) 0x80, 4, 'K', 7, '.'};

  @Test
  void gzipBombByRatioStopsAndIsHigh() throws IOException {
    byte[] bomb = gzip(zeros(96 << 20)); // 96 MiB of zeros in about 95 KiB: ratio ~1000
    ScanResult result = Routing.scan(bomb);
    assertThat(result.completed()).isFalse();
    assertThat(rules(result)).contains("ARCHIVE-006");
    assertThat(find(result, "ARCHIVE-006").severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void aStreamPastTheSizeLimitBelowTheBombRatioStopsIncompleteNotAsABomb() throws IOException {
    byte[] large = bzip2(zeros(8 << 20));
    ScanResult result =
        Routing.scan(
            ByteBuffer.wrap(large), new ArchiveLimits(1 << 20, 1L << 30, 1_000_000, 0, 10, 256, 8));
    assertThat(result.completed()).isFalse();
    assertThat(rules(result)).contains("ARCHIVE-007").doesNotContain("ARCHIVE-006");
    assertThat(find(result, "ARCHIVE-007").explanation())
        .contains("the most custody expands for one stream");
  }

  @Test
  void manyModestMembersExhaustTheFilesTotalBudget() throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      for (int i = 0; i < 8; i++) {
        byte[] member = gzip(zeros(1 << 20));
        TarArchiveEntry entry = new TarArchiveEntry("part" + i + ".gz");
        entry.setSize(member.length);
        out.putArchiveEntry(entry);
        out.write(member);
        out.closeArchiveEntry();
      }
    }
    ArchiveLimits limits = new ArchiveLimits(2 << 20, 4 << 20, 1_000_000, 0, 100, 256, 8);
    ScanResult result = Routing.scan(ByteBuffer.wrap(tar.toByteArray()), limits);
    assertThat(result.completed()).isFalse();
    assertThat(rules(result)).contains("ARCHIVE-007");
  }

  @Test
  void deepNestingStopsAtTheDepthLimit() throws IOException {
    byte[] data = EVIL;
    for (int i = 0; i < 12; i++) {
      data = gzip(data);
    }
    ScanResult result = Routing.scan(data);
    assertThat(result.completed()).isFalse();
    assertThat(find(result, "ARCHIVE-010").severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void payloadInTarGzInsideZstdIsFoundWithItsPath() throws IOException {
    byte[] tarGz = gzip(tar("model/data.pkl", EVIL));
    byte[] file = zstd(tarGz);
    ScanResult result = Routing.scan(file);
    Finding critical = find(result, "PICKLE-001");
    assertThat(critical.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(critical.location().containers())
        .containsExactly("(zstd)", "(gzip)", "model/data.pkl");
    assertThat(result.completed()).isTrue();
  }

  @Test
  void benignZstdAnd7zScanClean() throws IOException {
    for (byte[] file :
        List.of(zstd(tar("model/data.pkl", BENIGN)), sevenZ("model/data.pkl", BENIGN, 0))) {
      ScanResult result = Routing.scan(file);
      assertThat(result.completed()).as("%s", result).isTrue();
      assertThat(result.hasFindingAtLeast(Severity.MEDIUM)).as("%s", result).isFalse();
    }
  }

  @Test
  void payloadIn7zUnderAnInnocentNameIsCritical() throws IOException {
    ScanResult result = Routing.scan(sevenZ("weights.txt", EVIL, 0));
    assertThat(find(result, "PICKLE-001").location().containers()).containsExactly("weights.txt");
  }

  @Test
  void sevenZSymlinkOutOfTheTreeAndTraversalAreHigh() throws IOException {
    int symlink = (0120777 << 16) | 0x8000;
    ScanResult link =
        Routing.scan(sevenZ("model/cfg", "/etc/passwd".getBytes(StandardCharsets.UTF_8), symlink));
    assertThat(find(link, "ARCHIVE-003").severity()).isEqualTo(Severity.HIGH);
    ScanResult climb = Routing.scan(sevenZ("../../evil.pkl", BENIGN, 0));
    assertThat(rules(climb)).contains("ARCHIVE-001");
  }

  @Test
  void sevenZBombByRatioStops() throws IOException {
    byte[] bomb = sevenZ("zeros.bin", zeros(80 << 20), 0);
    ScanResult result = Routing.scan(bomb);
    assertThat(result.completed()).isFalse();
    assertThat(rules(result)).contains("ARCHIVE-006");
  }

  @Test
  void tooManyMembersIsALimit() throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      for (int i = 0; i < 20; i++) {
        TarArchiveEntry entry = new TarArchiveEntry("f" + i);
        entry.setSize(0);
        out.putArchiveEntry(entry);
        out.closeArchiveEntry();
      }
    }
    ScanResult result =
        Routing.scan(
            ByteBuffer.wrap(tar.toByteArray()),
            new ArchiveLimits(1 << 20, 1 << 20, 100, 0, 10, 256, 8));
    assertThat(result.completed()).isFalse();
    assertThat(rules(result)).contains("ARCHIVE-007");
  }

  @Test
  void truncatedAndCorruptStreamsAreMalformedAndIncomplete() throws IOException {
    byte[] gz = gzip(EVIL);
    byte[] truncated = java.util.Arrays.copyOf(gz, gz.length - 6);
    ScanResult result = Routing.scan(truncated);
    assertThat(result.completed()).isFalse();
    assertThat(rules(result)).contains("ARCHIVE-008");
    byte[] tar = tar("model/data.pkl", EVIL);
    byte[] cut = java.util.Arrays.copyOf(tar, 512 + 10);
    ScanResult partial = Routing.scan(cut);
    assertThat(partial.completed()).isFalse();
    assertThat(rules(partial)).contains("ARCHIVE-008");
  }

  @Test
  void lz4JoblibIsReportedAsUnscannable() {
    byte[] lz4 = {0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, (byte) 0xa7, 0, 0, 0, 0};
    ScanResult result = JoblibScanner.standard().scan(ByteBuffer.wrap(lz4));
    assertThat(result.completed()).isFalse();
    assertThat(rules(result)).containsExactly("ARCHIVE-009");
  }

  @Test
  void joblibWrapperWithImpossibleShapeIsIncomplete() {
    // pickle.dumps of a NumpyArrayWrapper for 2^24 float64s (made by Debian's python3 with
    // joblib 1.2.0), with no array bytes after it: the array would need more than the file holds.
    byte[] p =
        java.util.HexFormat.of()
            .parseHex(
                "800495af000000000000008c136a6f626c69622e6e756d70795f7069636b6c65948c114e756d707941"
                    + "72726179577261707065729493942981947d94288c08737562636c617373948c056e756d7079"
                    + "948c076e6461727261799493948c057368617065944a0000000185948c056f72646572948c01"
                    + "43948c056474797065946806680d93948c02663894898887945294284b038c013c944e4e4e4a"
                    + "ffffffff4affffffff4b007494628c0a616c6c6f775f6d6d6170948975622e");
    ScanResult result = JoblibScanner.standard().scan(ByteBuffer.wrap(p));
    assertThat(result.completed()).isFalse();
    assertThat(rules(result)).contains("JOBLIB-003");
  }

  @Test
  void joblibArrayBytesAreSteppedOverInPlaceAndLaterFindingsKeepFileOffsets() {
    // The wrapper of the test above, for 2^20 float64s (8 MiB), then the array's bytes, then a
    // global joblib's unpickler would import after reading them.
    String wrapper =
        "800495af000000000000008c136a6f626c69622e6e756d70795f7069636b6c65948c114e756d707941"
            + "72726179577261707065729493942981947d94288c08737562636c617373948c056e756d7079"
            + "948c076e6461727261799493948c057368617065944a0000100085948c056f72646572948c01"
            + "43948c056474797065946806680d93948c02663894898887945294284b038c013c944e4e4e4a"
            + "ffffffff4affffffff4b007494628c0a616c6c6f775f6d6d6170948975622e";
    byte[] head = java.util.HexFormat.of().parseHex(wrapper);
    byte[] build = java.util.Arrays.copyOf(head, head.length - 1); // without its STOP
    byte[] after = "cos\nsystem\n.".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int arrayBytes = 8 << 20;
    ByteBuffer file = ByteBuffer.allocate(build.length + arrayBytes + after.length);
    file.put(build).put(new byte[arrayBytes]).put(after).flip();

    ScanResult result = JoblibScanner.standard().scan(file);

    assertThat(result.completed()).isTrue();
    assertThat(find(result, "PICKLE-001").location().offset()).isEqualTo(build.length + arrayBytes);
  }

  private static List<String> rules(ScanResult result) {
    return result.findings().stream().map(f -> f.rule().value()).toList();
  }

  private static Finding find(ScanResult result, String rule) {
    return result.findings().stream()
        .filter(f -> f.rule().value().equals(rule))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + rule + " in " + result));
  }

  private static byte[] zeros(int n) {
    return new byte[n];
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  static byte[] bzip2(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out)) {
      bz.write(data);
    }
    return out.toByteArray();
  }

  static byte[] zstd(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStream z = new ZstdOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  static byte[] tar(String name, byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(data.length);
      tar.putArchiveEntry(entry);
      tar.write(data);
      tar.closeArchiveEntry();
    }
    return out.toByteArray();
  }

  static byte[] sevenZ(String name, byte[] data, int attributes) throws IOException {
    SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
    try (SevenZOutputFile out = new SevenZOutputFile((SeekableByteChannel) channel)) {
      SevenZArchiveEntry entry = new SevenZArchiveEntry();
      entry.setName(name);
      entry.setSize(data.length);
      if (attributes != 0) {
        entry.setHasWindowsAttributes(true);
        entry.setWindowsAttributes(attributes);
      }
      out.putArchiveEntry(entry);
      out.write(data);
      out.closeArchiveEntry();
    }
    return java.util.Arrays.copyOf(channel.array(), (int) channel.size());
  }
}
