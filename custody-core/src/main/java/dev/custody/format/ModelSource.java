package dev.custody.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * Random access to the bytes of one input of any length, a 100 GB checkpoint included. Readers of
 * formats with an index (zip's central directory at the end, a safetensors or GGUF header at the
 * start) read only what they need through it, so their time and memory do not grow with the tensor
 * bytes.
 *
 * <p>An input that fits one {@link ByteBuffer} is one buffer. A larger one is a list of overlapping
 * <em>segments</em> (the caller maps them; format readers open no files): segment {@code k} starts
 * at {@code k} × {@link #STEP} and holds up to {@link #STEP} + {@link #MAX_SLICE} bytes, so every
 * range of at most {@link #MAX_SLICE} bytes lies whole in one segment and reads never copy.
 * Multi-byte reads are little-endian, as in every format read this way. Immutable and thread-safe:
 * all reads are absolute.
 */
public final class ModelSource {
  /** Distance between the starts of two segments of a large input. */
  public static final long STEP = 1L << 30;

  /** Longest range a segmented input returns as one buffer ({@link #slice}). */
  public static final int MAX_SLICE = (1 << 30) - 64;

  private final List<ByteBuffer> segments;
  private final long size;

  private ModelSource(List<ByteBuffer> segments, long size) {
    this.segments = segments;
    this.size = size;
  }

  /** The bytes of {@code data} from position to limit; the buffer itself is untouched. */
  public static ModelSource of(ByteBuffer data) {
    ByteBuffer one = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    return new ModelSource(List.of(one), one.remaining());
  }

  /** A whole byte array. */
  public static ModelSource of(byte[] data) {
    return of(ByteBuffer.wrap(data));
  }

  /**
   * An input of {@code size} bytes held in segments laid out as {@link #segmentLength} says.
   *
   * @throws IllegalArgumentException if the segments do not have exactly that layout
   */
  public static ModelSource ofSegments(List<ByteBuffer> segments, long size) {
    if (size < 0 || segments.size() != segmentCount(size)) {
      throw new IllegalArgumentException(
          segmentCount(size) + " segments hold " + size + " bytes, got " + segments.size());
    }
    ByteBuffer[] copies = new ByteBuffer[segments.size()];
    for (int k = 0; k < copies.length; k++) {
      ByteBuffer segment = segments.get(k);
      if (segment.remaining() != segmentLength(size, k)) {
        throw new IllegalArgumentException(
            "segment "
                + k
                + " must hold "
                + segmentLength(size, k)
                + " bytes, got "
                + segment.remaining());
      }
      copies[k] = segment.slice().order(ByteOrder.LITTLE_ENDIAN);
    }
    return new ModelSource(List.of(copies), size);
  }

  /** How many segments an input of {@code size} bytes needs (one for an empty input). */
  public static int segmentCount(long size) {
    return size <= STEP + MAX_SLICE ? 1 : (int) ((size - MAX_SLICE - 1) / STEP) + 1;
  }

  /** How many bytes segment {@code k} of an input of {@code size} bytes holds. */
  public static long segmentLength(long size, int k) {
    long start = k * STEP;
    return Math.min(size - start, STEP + MAX_SLICE);
  }

  /** The input's length in bytes. */
  public long size() {
    return size;
  }

  /** The whole input as one read-only buffer, when it fits one. */
  public Optional<ByteBuffer> whole() {
    return segments.size() == 1
        ? Optional.of(segments.get(0).duplicate().asReadOnlyBuffer())
        : Optional.empty();
  }

  /** The longest range {@link #slice} returns: the whole input, or {@link #MAX_SLICE}. */
  public long maxSlice() {
    return segments.size() == 1 ? size : MAX_SLICE;
  }

  /**
   * The bytes from {@code offset} to {@code offset + length} as a read-only little-endian buffer
   * (position 0), without copying.
   *
   * @throws IndexOutOfBoundsException if the range is outside the input or longer than {@link
   *     #maxSlice()}
   */
  public ByteBuffer slice(long offset, long length) {
    check(offset, length);
    if (length > maxSlice()) {
      throw new IndexOutOfBoundsException(
          "a slice of " + length + " bytes is longer than the " + maxSlice() + " one read returns");
    }
    int k = segment(offset);
    return segments
        .get(k)
        .slice((int) (offset - k * STEP), (int) length)
        .asReadOnlyBuffer()
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The first {@code min(size, maxSlice)} bytes: where readers of a header start. */
  public ByteBuffer prefix() {
    return slice(0, Math.min(size, maxSlice()));
  }

  /** The byte at {@code offset}. */
  public byte get(long offset) {
    check(offset, 1);
    int k = segment(offset);
    return segments.get(k).get((int) (offset - k * STEP));
  }

  /** The little-endian 16-bit value at {@code offset}. */
  public short getShort(long offset) {
    check(offset, 2);
    int k = segment(offset);
    return segments.get(k).getShort((int) (offset - k * STEP));
  }

  /** The little-endian 32-bit value at {@code offset}. */
  public int getInt(long offset) {
    check(offset, 4);
    int k = segment(offset);
    return segments.get(k).getInt((int) (offset - k * STEP));
  }

  /** The little-endian 64-bit value at {@code offset}. */
  public long getLong(long offset) {
    check(offset, 8);
    int k = segment(offset);
    return segments.get(k).getLong((int) (offset - k * STEP));
  }

  /** Copies {@code out.length} bytes from {@code offset}. */
  public void get(long offset, byte[] out) {
    slice(offset, out.length).get(out);
  }

  private int segment(long offset) {
    // The last segment runs to the end of the input, past its own STEP.
    return (int) Math.min(offset / STEP, segments.size() - 1);
  }

  private void check(long offset, long length) {
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException(
          "bytes "
              + offset
              + " to "
              + (offset + length)
              + " are outside an input of "
              + size
              + " bytes");
    }
  }
}
