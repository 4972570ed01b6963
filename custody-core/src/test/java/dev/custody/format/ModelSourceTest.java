package dev.custody.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.testkit.SparseFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSourceTest {
  private static final long STEP = ModelSource.STEP;

  @TempDir Path dir;

  @Test
  void aBufferIsOneSegmentReadLittleEndian() {
    ModelSource source = ModelSource.of(new byte[] {9, 1, 2, 3, 4, 5, 6, 7, 8});
    assertThat(source.size()).isEqualTo(9);
    assertThat(source.getInt(1)).isEqualTo(0x04030201);
    assertThat(source.getShort(7)).isEqualTo((short) 0x0807);
    assertThat(source.whole()).isPresent();
    assertThat(source.maxSlice()).isEqualTo(9);
    assertThat(source.slice(8, 1).get(0)).isEqualTo((byte) 8);
  }

  @Test
  void readsOutsideTheInputThrowIndexOutOfBounds() {
    ModelSource source = ModelSource.of(new byte[8]);
    assertThatThrownBy(() -> source.getLong(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> source.getInt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> source.slice(4, Long.MAX_VALUE))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(source.slice(8, 0).remaining()).isZero();
  }

  @Test
  void segmentLayoutCoversTheInputWithOverlaps() {
    assertThat(ModelSource.segmentCount(0)).isEqualTo(1);
    assertThat(ModelSource.segmentCount(STEP + ModelSource.MAX_SLICE)).isEqualTo(1);
    assertThat(ModelSource.segmentCount(STEP + ModelSource.MAX_SLICE + 1)).isEqualTo(2);
    long size = 100L * STEP + 12345;
    int count = ModelSource.segmentCount(size);
    long lastStart = (count - 1) * STEP;
    assertThat(lastStart + ModelSource.segmentLength(size, count - 1)).isEqualTo(size);
    assertThat(ModelSource.segmentLength(size, count - 2)).isEqualTo(STEP + ModelSource.MAX_SLICE);
    assertThat(ModelSource.segmentLength(size, 0)).isLessThanOrEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void segmentsOfTheWrongLengthAreRefused() {
    assertThatThrownBy(() -> ModelSource.ofSegments(List.of(ByteBuffer.allocate(3)), 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segment 0 must hold 4 bytes, got 3");
  }

  @Test
  void readsAcrossSegmentBoundariesOfAMappedFileNeverCopy() throws IOException {
    SparseFiles.assumeSparse(dir);
    long size = 4 * STEP + 100;
    Path file = SparseFiles.create(dir.resolve("big"), new byte[0], size);
    long[] marks = {STEP - 2, 2 * STEP - 5, 3 * STEP + 1, size - 8};
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (long mark : marks) {
        channel.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, mark), mark);
      }
    }
    ModelSource source = map(file, size);

    assertThat(source.whole()).isEmpty();
    assertThat(source.maxSlice()).isEqualTo(ModelSource.MAX_SLICE);
    for (long mark : marks) {
      assertThat(source.getLong(mark)).as("at %d", mark).isEqualTo(mark);
      assertThat(source.slice(mark, 8).getLong(0)).isEqualTo(mark);
      assertThat(source.get(mark)).isEqualTo((byte) mark);
    }
    // The longest slice from just before a segment's end still lies whole in one segment.
    ByteBuffer longest =
        source.slice(2 * STEP - 5 - ModelSource.MAX_SLICE + 8, ModelSource.MAX_SLICE);
    assertThat(longest.getLong(ModelSource.MAX_SLICE - 8)).isEqualTo(2 * STEP - 5);
    assertThatThrownBy(() -> source.slice(0, ModelSource.MAX_SLICE + 1L))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void probesReadThroughPositionedReadsWhenTheSourceHasThem() {
    byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0};
    byte[] file = {1, 2, 3, 4, 5, 6, 7, 8};
    List<Long> positions = new ArrayList<>();
    ModelSource source =
        ModelSource.of(mapped)
            .withPositionedReads((into, position) -> {
              positions.add(position);
              into.put(file[(int) position]); // one byte per call: a short read is retried
              return 1;
            });

    ByteBuffer probe = source.probe(2, 4);

    assertThat(probe.getInt(0)).isEqualTo(0x06050403);
    assertThat(probe.isReadOnly()).isTrue();
    assertThat(positions).containsExactly(2L, 3L, 4L, 5L);
    assertThat(source.slice(2, 4).getInt(0)).as("slices still come from the mapping").isZero();
  }

  @Test
  void aProbeWhoseReadFailsOrEndsEarlyFallsBackToTheMapping() {
    byte[] mapped = {1, 2, 3, 4};
    ModelSource failing =
        ModelSource.of(mapped)
            .withPositionedReads((into, position) -> {
              throw new IOException("disk gone");
            });
    ModelSource shrunk = ModelSource.of(mapped).withPositionedReads((into, position) -> -1);

    assertThat(failing.probe(0, 4).getInt(0)).isEqualTo(0x04030201);
    assertThat(shrunk.probe(0, 4).getInt(0)).isEqualTo(0x04030201);
  }

  @Test
  void longProbesAndSourcesWithoutReadsAreSlices() {
    byte[] mapped = new byte[ModelSource.MAX_PROBE + 1];
    mapped[ModelSource.MAX_PROBE] = 7;
    ModelSource source =
        ModelSource.of(mapped)
            .withPositionedReads((into, position) -> {
              throw new AssertionError("a probe past MAX_PROBE must not read");
            });

    assertThat(source.probe(0, ModelSource.MAX_PROBE + 1).get(ModelSource.MAX_PROBE))
        .isEqualTo((byte) 7);
    assertThat(ModelSource.of(mapped).probe(ModelSource.MAX_PROBE, 1).get(0)).isEqualTo((byte) 7);
    assertThatThrownBy(() -> source.probe(ModelSource.MAX_PROBE, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void probesOfAMappedFileReadTheFileItself() throws IOException {
    Path file = dir.resolve("model.bin");
    java.nio.file.Files.write(file, new byte[] {10, 20, 30, 40, 50});
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ModelSource source =
          ModelSource.of(channel.map(FileChannel.MapMode.READ_ONLY, 0, 5))
              .withPositionedReads(channel::read);
      assertThat(source.probe(1, 3).get(2)).isEqualTo((byte) 40);
    }
  }

  private static ModelSource map(Path file, long size) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      List<ByteBuffer> segments = new ArrayList<>();
      for (int k = 0; k < ModelSource.segmentCount(size); k++) {
        segments.add(
            channel.map(
                FileChannel.MapMode.READ_ONLY, k * STEP, ModelSource.segmentLength(size, k)));
      }
      return ModelSource.ofSegments(segments, size);
    }
  }
}
