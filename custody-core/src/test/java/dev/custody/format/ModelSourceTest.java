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
