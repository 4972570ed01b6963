package dev.custody.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>A mapped file may also be given {@link PositionedReads} for {@link #probe probes}: a few bytes
 * far from anything else read, such as a zip member's local header. Through a mapping, the page
 * fault on a cold file reads the disk's whole read-ahead window around the page (8 MiB on the
 * machine of docs/benchmarks.md, so 258 headers read a gigabyte); a positioned read of a lone page
 * reads about that page.
 */
public final class ModelSource {
  /** Distance between the starts of two segments of a large input. */
  public static final long STEP = 1L << 30;

  /** Longest range a segmented input returns as one buffer ({@link #slice}). */
  public static final int MAX_SLICE = (1 << 30) - 64;

  /** Longest {@link #probe} served by a positioned read; longer ones are slices. */
  public static final int MAX_PROBE = 1 << 17;

  /**
   * Reads bytes at a position without moving anything, as {@link
   * java.nio.channels.FileChannel#read(ByteBuffer, long)} does (and may be, as {@code
   * channel::read}).
   */
  @FunctionalInterface
  public interface PositionedReads {
    /**
     * Reads into {@code into} from {@code position} of the input.
     *
     * @return the number of bytes read, or -1 at the end of the input
     * @throws IOException if the read fails
     */
    int read(ByteBuffer into, long position) throws IOException;
  }

  private final List<ByteBuffer> segments;
  private final long size;
  private final @Nullable PositionedReads reads;

  private ModelSource(List<ByteBuffer> segments, long size, @Nullable PositionedReads reads) {
    this.segments = segments;
    this.size = size;
    this.reads = reads;
  }

  /** The bytes of {@code data} from position to limit; the buffer itself is untouched. */
  public static ModelSource of(ByteBuffer data) {
    ByteBuffer one = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    return new ModelSource(List.of(one), one.remaining(), null);
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
    return new ModelSource(List.of(copies), size, null);
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

  /**
   * The same bytes, with {@link #probe probes} served by {@code reads}, which must read this very
   * input (the file that is mapped) for as long as the source is used.
   */
  public ModelSource withPositionedReads(PositionedReads reads) {
    return new ModelSource(segments, size, reads);
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

  /**
   * The bytes from {@code offset} to {@code offset + length}, like {@link #slice}, for a short read
   * far from the others (a zip local header): by a positioned read when the source has them and the
   * range is at most {@link #MAX_PROBE} bytes, so a cold file is not read around it. A positioned
   * read that fails or comes back short (the file shrank) falls back to the slice, which fails the
   * way every read of a shrunken mapping does.
   *
   * @throws IndexOutOfBoundsException if the range is outside the input
   */
  public ByteBuffer probe(long offset, int length) {
    check(offset, length);
    PositionedReads positioned = reads;
    if (positioned != null && length <= MAX_PROBE) {
      ByteBuffer into = ByteBuffer.allocate(length);
      try {
        while (into.hasRemaining() && positioned.read(into, offset + into.position()) > 0) {
          // read again: a positioned read may return fewer bytes than asked
        }
      } catch (IOException e) {
        // fall back to the mapping below
      }
      if (!into.hasRemaining()) {
        return into.flip().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
      }
    }
    return slice(offset, length);
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
