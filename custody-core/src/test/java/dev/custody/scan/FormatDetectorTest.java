package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.testkit.PickleBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class FormatDetectorTest {

  private static ModelFormat detect(byte[] bytes) {
    return FormatDetector.detect(bytes);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[Math.max(values.length, 16)];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void recognisesPicklesWithAProtocolByte() {
    byte[] pickle =
        PickleBuilder.create().proto(2).global("os", "system").tuple1().reduce().stop().bytes();
    assertThat(detect(pickle)).isEqualTo(ModelFormat.PICKLE);
  }

  @Test
  void recognisesProtocolZeroPicklesThatLookLikeText() {
    assertThat(detect(ascii("cos\nsystem\n(S'echo custody-test-marker'\ntR.")))
        .isEqualTo(ModelFormat.PICKLE);
    assertThat(detect(ascii("(dp0\nS'a'\np1\nI1\ns."))).isEqualTo(ModelFormat.PICKLE);
  }

  @Test
  void aTruncatedProtocolZeroPickleThatAlreadyCalledIsAPickle() {
    // pickle.load runs the REDUCE, then fails on the missing STOP: the payload has run.
    assertThat(detect(ascii("cos\nsystem\n(S'echo custody-test-marker'\ntR")))
        .isEqualTo(ModelFormat.PICKLE);
  }

  @Test
  void aVocabularyIsText() {
    assertThat(detect(ascii("cat\ndog\nbird\nfish\n"))).isEqualTo(ModelFormat.TEXT);
  }

  @Test
  void textAndJsonAreNotPickles() {
    assertThat(detect(ascii("# tiny model\nNot a model.\n"))).isEqualTo(ModelFormat.TEXT);
    assertThat(detect(ascii("hello world.\n"))).isEqualTo(ModelFormat.TEXT);
    assertThat(detect(ascii("  {\"hidden_size\": 4}\n"))).isEqualTo(ModelFormat.JSON);
    assertThat(detect(ascii("[1, 2]"))).isEqualTo(ModelFormat.JSON);
    assertThat(detect(ascii("ünïcödé text\n"))).isEqualTo(ModelFormat.TEXT);
    assertThat(detect(new byte[0])).isEqualTo(ModelFormat.EMPTY);
  }

  @Test
  void recognisesMagicBytes() {
    assertThat(detect(bytes(0x1f, 0x8b, 8))).isEqualTo(ModelFormat.GZIP);
    assertThat(detect(bytes(0xfd, '7', 'z', 'X', 'Z', 0))).isEqualTo(ModelFormat.XZ);
    assertThat(detect(bytes('B', 'Z', 'h', '9', 0x31))).isEqualTo(ModelFormat.BZIP2);
    assertThat(detect(bytes(0x28, 0xb5, 0x2f, 0xfd))).isEqualTo(ModelFormat.ZSTD);
    assertThat(detect(bytes('7', 'z', 0xbc, 0xaf, 0x27, 0x1c))).isEqualTo(ModelFormat.SEVEN_ZIP);
    assertThat(detect(bytes(0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0))).isEqualTo(ModelFormat.NUMPY);
    assertThat(detect(bytes('G', 'G', 'U', 'F', 3, 0, 0, 0))).isEqualTo(ModelFormat.GGUF);
    assertThat(detect(bytes(0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n')))
        .isEqualTo(ModelFormat.HDF5);
    assertThat(detect(bytes(0x78, 0x9c, 1, 2))).isEqualTo(ModelFormat.ZLIB);
    assertThat(detect(bytes(0x08, 0x07, 0x12, 0x07, 'p', 'y', 't', 'o', 'r', 'c', 'h')))
        .isEqualTo(ModelFormat.ONNX);
  }

  @Test
  void recognisesLzmaAloneOnlyWithPythonsHeader() {
    int[] ff = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    int[] joblib = {0x5d, 0, 0, 0x40, 0, ff[0], ff[1], ff[2], ff[3], ff[4], ff[5], ff[6], ff[7], 1};
    assertThat(detect(bytes(joblib))).isEqualTo(ModelFormat.LZMA);
    int[] sized = {0x5d, 0, 0, 0x60, 0, 12, 0, 0, 0, 0, 0, 0, 0, 1};
    assertThat(detect(bytes(sized))).isEqualTo(ModelFormat.LZMA);
    int[] oddDictionary = {0x5d, 1, 2, 3, 4, ff[0], ff[1], ff[2], ff[3], ff[4], ff[5], ff[6], 0, 1};
    assertThat(detect(bytes(oddDictionary))).isEqualTo(ModelFormat.UNKNOWN_BINARY);
    int[] hugeLength = {0x5d, 0, 0, 0x40, 0, 1, 2, 3, 4, 5, 6, 7, 8, 1};
    assertThat(detect(bytes(hugeLength))).isEqualTo(ModelFormat.UNKNOWN_BINARY);
  }

  @Test
  void recognisesTar() {
    byte[] tar = new byte[1024];
    byte[] name = ascii("model/data.pkl");
    System.arraycopy(name, 0, tar, 0, name.length);
    System.arraycopy(ascii("ustar"), 0, tar, 257, 5);
    assertThat(detect(tar)).isEqualTo(ModelFormat.TAR);
  }

  @Test
  void recognisesSafetensorsByItsHeaderLength() {
    byte[] header = ascii("{\"__metadata__\":{}}");
    ByteBuffer b = ByteBuffer.allocate(8 + header.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header);
    assertThat(detect(b.array())).isEqualTo(ModelFormat.SAFETENSORS);
    b.putLong(0, header.length + 100L);
    assertThat(detect(b.array())).isNotEqualTo(ModelFormat.SAFETENSORS);
  }

  @Test
  void aSafetensorsHeaderOf640BytesIsNotAPickleProtocolByte() {
    // 640 = 0x280: the file starts 80 02 00, which reads as PROTO 2 and then no opcode.
    StringBuilder json = new StringBuilder("{\"__metadata__\":{\"pad\":\"");
    while (json.length() < 640 - 3) {
      json.append('x');
    }
    byte[] header = ascii(json.append("\"}}").toString());
    assertThat(header).hasSize(640);
    ByteBuffer b = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header);
    assertThat(detect(b.array())).isEqualTo(ModelFormat.SAFETENSORS);
  }

  @Test
  void tellsZipKindsApartByTheirMemberNames() throws Exception {
    assertThat(detect(zip("archive/data.pkl", "archive/version")))
        .isEqualTo(ModelFormat.PYTORCH_ZIP);
    assertThat(detect(zip("renamed/data.pkl"))).isEqualTo(ModelFormat.PYTORCH_ZIP);
    assertThat(detect(zip("config.json", "metadata.json", "model.weights.h5")))
        .isEqualTo(ModelFormat.KERAS_ZIP);
    assertThat(detect(zip("a.npy", "b.npy"))).isEqualTo(ModelFormat.ZIP);
  }

  @Test
  void unknownBytesAreUnknownBinary() {
    assertThat(detect(bytes(3, 10, 17, 24, 0, 0, 0xff))).isEqualTo(ModelFormat.UNKNOWN_BINARY);
  }

  @Test
  void detectionIgnoresTheBufferPositionOutsideItsWindow() {
    byte[] data = new byte[20];
    data[4] = 0x1f;
    data[5] = (byte) 0x8b;
    ByteBuffer window = ByteBuffer.wrap(data).position(4);
    assertThat(FormatDetector.detect(window)).isEqualTo(ModelFormat.GZIP);
    assertThat(window.position()).isEqualTo(4);
  }

  static byte[] zip(String... names) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String name : names) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(ascii("x"));
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
