package dev.custody.format.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Root attributes of real h5py files ({@code src/test/fixtures/make_keras.py}). */
class Hdf5ReaderTest {

  static byte[] fixture(String name) throws IOException {
    try (InputStream in =
        Hdf5ReaderTest.class.getResourceAsStream("/dev/custody/scan/keras/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readNBytes(1 << 20);
    }
  }

  private static Hdf5Attributes read(byte[] file) throws MalformedHdf5Exception {
    return Hdf5Reader.rootAttributes(ByteBuffer.wrap(file), Hdf5Limits.DEFAULT);
  }

  private static String text(Hdf5Attributes attributes, String name) {
    List<Hdf5Attribute> found = attributes.named(name);
    assertThat(found).as(name).hasSize(1);
    assertThat(found.get(0)).isInstanceOf(Hdf5Attribute.Text.class);
    return ((Hdf5Attribute.Text) found.get(0)).joined();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "benign-keras2.h5",
        "benign-keras2-vlen.h5",
        "benign-userblock.h5",
        "benign-latest-dense-attributes.h5"
      })
  void readsModelConfigFixedVariableUserBlockAndDense(String name) throws Exception {
    Hdf5Attributes attributes = read(fixture(name));
    assertThat(text(attributes, "model_config")).startsWith("{\"class_name\": \"Sequential\"");
    assertThat(text(attributes, "keras_version")).isEqualTo("2.13.1");
    assertThat(text(attributes, "backend")).isEqualTo("tensorflow");
  }

  @Test
  void theUserBlockAndSuperblockVersionAreReported() throws Exception {
    assertThat(read(fixture("benign-userblock.h5")).userBlock()).isEqualTo(1024);
    Hdf5Attributes latest = read(fixture("benign-latest-dense-attributes.h5"));
    assertThat(latest.superblockVersion()).isGreaterThanOrEqualTo(2);
    assertThat(latest.attributes()).hasSizeGreaterThan(12);
  }

  @Test
  void aWeightsOnlyFileHasNoAttributes() throws Exception {
    assertThat(read(fixture("benign-weights-only.h5")).attributes()).isEmpty();
  }

  @Test
  void bytesWithoutTheSignatureAreRefused() {
    assertThatThrownBy(() -> read(new byte[2048]))
        .isInstanceOf(MalformedHdf5Exception.class)
        .hasMessageContaining("no HDF5 signature");
  }

  @Test
  void aTruncatedFileIsMalformed() throws Exception {
    byte[] whole = fixture("benign-keras2.h5");
    byte[] cut = java.util.Arrays.copyOf(whole, 200);
    assertThatThrownBy(() -> read(cut))
        .isInstanceOfSatisfying(
            MalformedHdf5Exception.class,
            e -> assertThat(e.reason()).isEqualTo(MalformedHdf5Exception.Reason.MALFORMED));
  }

  @Test
  void aContinuationBlockThatPointsAtItselfStopsAtTheReadLimit() throws Exception {
    // benign-keras2.h5 (h5py, superblock 0): root object header v1 at 0x60, whose first message
    // (0x70) continues at 0x320. Point it at itself and claim 65535 messages: jhdf would follow
    // the cycle until the count runs out; the read limit stops it first.
    byte[] file = fixture("benign-keras2.h5");
    ByteBuffer b = ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getShort(0x70)).as("continuation message").isEqualTo((short) 0x10);
    b.putShort(0x62, (short) 0xffff);
    b.putLong(0x78, 0x70);
    b.putLong(0x80, 24);
    Hdf5Limits limits = new Hdf5Limits(1_000, 1 << 20, 100, 4, Duration.ofSeconds(5));
    assertThatThrownBy(() -> Hdf5Reader.rootAttributes(ByteBuffer.wrap(file), limits))
        .isInstanceOfSatisfying(
            MalformedHdf5Exception.class,
            e -> assertThat(e.reason()).isEqualTo(MalformedHdf5Exception.Reason.LIMIT_EXCEEDED));
  }

  @Test
  void theReadBudgetStopsReading() throws Exception {
    Hdf5Limits tiny = new Hdf5Limits(2, 1 << 20, 100, 4, Duration.ofSeconds(5));
    assertThatThrownBy(
            () -> Hdf5Reader.rootAttributes(ByteBuffer.wrap(fixture("benign-keras2.h5")), tiny))
        .isInstanceOfSatisfying(
            MalformedHdf5Exception.class,
            e -> {
              assertThat(e.reason()).isEqualTo(MalformedHdf5Exception.Reason.LIMIT_EXCEEDED);
              assertThat(e.getMessage()).contains("more than 2 structure reads");
            });
  }
}
