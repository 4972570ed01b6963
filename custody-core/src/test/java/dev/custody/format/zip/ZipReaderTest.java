package dev.custody.format.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.format.ModelSource;
import dev.custody.testkit.TorchCheckpoints;
import dev.custody.testkit.ZipBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZipReaderTest {
  private static final byte[] PICKLE = {(byte) 0x80, 2, '}', '.'};

  @Test
  void readsATorchCheckpointByItsCentralDirectory() throws MalformedZipException {
    byte[] zip = TorchCheckpoints.checkpoint("model", PICKLE, TorchCheckpoints.arange4()).bytes();
    ZipArchive archive = ZipReader.read(zip, ZipLimits.DEFAULT);
    assertThat(archive.anomalies()).isEmpty();
    assertThat(archive.completed()).isTrue();
    assertThat(archive.loaderRoot()).isEqualTo("model");
    assertThat(archive.entries()).extracting(ZipEntry::name).contains("model/data/0");
    for (ZipEntry entry : archive.entries()) {
      assertThat(entry.dataOffset() % 64).as(entry.name()).isZero();
      assertThat(archive.open(entry)).isInstanceOf(MemberData.Contents.class);
    }
    MemberData data = archive.open(archive.entries().get(0));
    assertThat(data).isEqualTo(new MemberData.Contents(ByteBuffer.wrap(PICKLE), true, true));
  }

  @Test
  void readsCpythonZipsWithoutAnomalies() throws IOException, MalformedZipException {
    for (String seed : new String[] {"stored", "deflated", "zip64", "descriptors", "empty"}) {
      byte[] zip =
          Files.readAllBytes(
              Path.of(
                  "src/test/resources/dev/custody/format/zip/ZipReaderFuzzTestInputs/readingIsTotal",
                  seed));
      ZipArchive archive = ZipReader.read(zip, ZipLimits.DEFAULT);
      assertThat(archive.anomalies()).as(seed).isEmpty();
      for (ZipEntry entry : archive.entries()) {
        assertThat(archive.open(entry))
            .as(seed + " " + entry.name())
            .isInstanceOfSatisfying(
                MemberData.Contents.class, c -> assertThat(c.crcMatches()).isTrue());
      }
    }
  }

  @Test
  void readsZip64Records() throws MalformedZipException {
    byte[] zip = ZipBuilder.create().zip64().stored("a/data.pkl", PICKLE).done().bytes();
    ZipArchive archive = ZipReader.read(zip, ZipLimits.DEFAULT);
    assertThat(archive.anomalies()).isEmpty();
    assertThat(archive.entries())
        .singleElement()
        .extracting(ZipEntry::compressedSize)
        .isEqualTo(4L);
  }

  @Test
  void findsMemberDataPastTheEndOfTheFileFromTheDirectoryAlone() throws MalformedZipException {
    byte[] zip =
        ZipBuilder.create()
            .stored("a/data.pkl", PICKLE)
            .done()
            .stored("a/data/0", new byte[8])
            .directorySizes(1L << 40, 1L << 40)
            .done()
            .zip64()
            .bytes();
    ZipArchive archive = ZipReader.read(zip, ZipLimits.DEFAULT);
    assertThat(archive.anomalies())
        .filteredOn(a -> a.kind() == ZipAnomaly.Kind.DATA_OUT_OF_RANGE)
        .singleElement()
        .satisfies(a -> assertThat(a.member()).isEqualTo("a/data/0"))
        .satisfies(a -> assertThat(a.message()).contains("claims 1099511627776 bytes"));
    ZipEntry storage = archive.entries().get(1);
    assertThat(archive.open(storage))
        .isInstanceOfSatisfying(
            MemberData.Unreadable.class,
            u -> assertThat(u.problem()).isEqualTo(MemberData.Problem.OUT_OF_RANGE));
  }

  @Test
  void rejectsBytesWithoutAnEndRecordSayingWhatToDo() {
    assertThatThrownBy(() -> ZipReader.read(new byte[100], ZipLimits.DEFAULT))
        .isInstanceOf(MalformedZipException.class)
        .hasMessageContaining("no end-of-central-directory record");
    assertThatThrownBy(() -> ZipReader.read(new byte[3], ZipLimits.DEFAULT))
        .hasMessageContaining("at least 22");
  }

  @Test
  void stopsADecompressionBombAtTheRatioLimit() throws MalformedZipException {
    byte[] zeros = new byte[8 << 20];
    byte[] zip = ZipBuilder.create().deflated("bomb", zeros).done().bytes();
    ZipArchive archive = ZipReader.read(zip, ZipLimits.DEFAULT);
    assertThat(archive.open(archive.entries().get(0)))
        .isInstanceOfSatisfying(
            MemberData.Unreadable.class,
            u -> {
              assertThat(u.problem()).isEqualTo(MemberData.Problem.LIMIT_EXCEEDED);
              assertThat(u.message()).contains("ratio limit");
            });
  }

  @Test
  void stopsAtTheMemberBudget() throws MalformedZipException {
    byte[] text = "0123456789".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    byte[] zip = ZipBuilder.create().deflated("big", text).done().bytes();
    ZipArchive archive = ZipReader.read(zip, new ZipLimits(10, 1000, 1 << 20, 1000, 1 << 20));
    assertThat(archive.open(archive.entries().get(0)))
        .isInstanceOfSatisfying(
            MemberData.Unreadable.class,
            u -> assertThat(u.problem()).isEqualTo(MemberData.Problem.LIMIT_EXCEEDED));
  }

  @Test
  void readsOnlyTheEntryLimitAndSaysSo() throws MalformedZipException {
    ZipBuilder builder = ZipBuilder.create();
    for (int i = 0; i < 5; i++) {
      builder.stored("a/" + i, PICKLE);
    }
    ZipArchive archive = ZipReader.read(builder.bytes(), new ZipLimits(3, 100, 100, 10, 10));
    assertThat(archive.completed()).isFalse();
    assertThat(archive.entries().stream().filter(e -> !e.localOnly())).hasSize(3);
    assertThat(archive.anomalies())
        .extracting(ZipAnomaly::kind)
        .contains(ZipAnomaly.Kind.ENTRY_LIMIT);
  }

  @Test
  void findsEntriesOnlyLocalHeadersShow() throws MalformedZipException {
    byte[] zip =
        ZipBuilder.create()
            .stored("a/hidden.pkl", PICKLE)
            .hiddenFromDirectory()
            .done()
            .stored("a/data.pkl", PICKLE)
            .done()
            .bytes();
    ZipArchive archive = ZipReader.read(zip, ZipLimits.DEFAULT);
    assertThat(archive.entries())
        .filteredOn(ZipEntry::localOnly)
        .singleElement()
        .extracting(ZipEntry::name)
        .isEqualTo("a/hidden.pkl");
    assertThat(archive.loaderRoot()).isEqualTo("a");
  }

  @Test
  void readsPrependedArchivesAsCpythonDoesAndSaysSo() throws MalformedZipException {
    byte[] plain = ZipBuilder.create().stored("a/data.pkl", PICKLE).done().bytes();
    byte[] prefixed = new byte[plain.length + 7];
    System.arraycopy(plain, 0, prefixed, 7, plain.length);
    ZipArchive archive = ZipReader.read(prefixed, ZipLimits.DEFAULT);
    ZipEntry entry = archive.entries().get(0);
    assertThat(entry.localHeaderOffset()).isEqualTo(7);
    assertThat(archive.open(entry)).isInstanceOf(MemberData.Contents.class);
    assertThat(archive.anomalies())
        .extracting(ZipAnomaly::kind)
        .contains(ZipAnomaly.Kind.PREPENDED_DATA);
  }

  @Test
  void readsLocalHeadersByProbesAndFindsTheSameAsThroughTheMapping() throws MalformedZipException {
    byte[] zip =
        ZipBuilder.create()
            .stored("a/hidden.pkl", PICKLE)
            .hiddenFromDirectory()
            .done()
            .stored("a/data.pkl", PICKLE)
            .localName("a/other.pkl")
            .done()
            .stored("a/data/0", new byte[64])
            .dataDescriptor()
            .done()
            .stored("a/data/1", new byte[64])
            .localCrc(1)
            .done()
            .bytes();
    List<Long> probed = new ArrayList<>();
    ModelSource probing =
        ModelSource.of(zip)
            .withPositionedReads((into, position) -> {
              probed.add(position);
              int length = into.remaining();
              into.put(zip, (int) position, length);
              return length;
            });

    ZipArchive mapped = ZipReader.read(zip, ZipLimits.DEFAULT);
    ZipArchive probedArchive = ZipReader.read(probing, ZipLimits.DEFAULT);

    assertThat(probedArchive.entries()).isEqualTo(mapped.entries());
    assertThat(probedArchive.anomalies()).isEqualTo(mapped.anomalies());
    assertThat(mapped.anomalies())
        .extracting(ZipAnomaly::kind)
        .contains(
            ZipAnomaly.Kind.LOCAL_ONLY_ENTRY,
            ZipAnomaly.Kind.LOCAL_NAME_MISMATCH,
            ZipAnomaly.Kind.LOCAL_FIELD_MISMATCH);
    // Every member's local header was read by a probe, not through the mapping.
    assertThat(probed)
        .containsAll(mapped.entries().stream().map(ZipEntry::localHeaderOffset).toList());
  }
}
