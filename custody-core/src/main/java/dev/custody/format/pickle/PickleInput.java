package dev.custody.format.pickle;

import dev.custody.format.pickle.MalformedPickleException.Reason;
import java.nio.ByteBuffer;

/**
 * The bytes of a pickle input as CPython's C unpickler consumes them, including its buffer rule:
 * after FRAME the frame is the buffer, and when reading from an unbuffered file ({@code
 * io.BytesIO}, a zip record as torch opens it) an argument that needs more than the buffer holds
 * makes the unpickler drop the rest of the buffer and read on after it ({@code _pickle.c} {@code
 * _Unpickler_ReadImpl}, {@code _Unpickler_Readline}). Bulk bytes payloads copy the rest first
 * ({@code _Unpickler_ReadInto}), so they never diverge.
 *
 * <p>{@link Reading#LINEAR} reads as {@code pickle.loads} does and notes the first place where the
 * file reading would differ; {@link Reading#UNBUFFERED_FILE} reads as {@code pickle.load(BytesIO)}.
 */
final class PickleInput {
  enum Reading {
    LINEAR,
    UNBUFFERED_FILE
  }

  private final ByteBuffer data;
  private final int base;
  private final int length;
  private final boolean cappedByLimit;
  private final Reading reading;
  private int pos;
  private int bufferEnd;
  private int opcodeStart;
  private long divergence = -1;

  PickleInput(ByteBuffer data, Limits limits, Reading reading) {
    this.data = data;
    this.base = data.position();
    int available = data.remaining();
    this.length = (int) Math.min(available, limits.maxBytes());
    this.cappedByLimit = available > length;
    this.reading = reading;
  }

  boolean atEnd() {
    return pos >= length;
  }

  /** Offset of the opcode being read; errors and events are reported there. */
  long opcodeStart() {
    return opcodeStart;
  }

  /** Offset of the next byte. */
  long position() {
    return pos;
  }

  /** The first offset where an unbuffered-file loader would read differently, or -1. */
  long divergence() {
    return divergence;
  }

  int readOpcodeByte() throws MalformedPickleException {
    opcodeStart = pos;
    prepare(1);
    return data.get(base + pos++) & 0xff;
  }

  int readU8() throws MalformedPickleException {
    prepare(1);
    return data.get(base + pos++) & 0xff;
  }

  /** Little-endian unsigned integer of {@code n} bytes (n at most 8; 8 may come out negative). */
  long readLittleEndian(int n) throws MalformedPickleException {
    prepare(n);
    long value = 0;
    for (int i = n - 1; i >= 0; i--) {
      value = (value << 8) | (data.get(base + pos + i) & 0xff);
    }
    pos += n;
    return value;
  }

  /** {@code n} bytes read as an argument (subject to the buffer rule). */
  byte[] readArgument(int n) throws MalformedPickleException {
    prepare(n);
    return copy(n);
  }

  /**
   * Skips an argument of {@code n} bytes read through the buffer rule, keeping it only if it is at
   * most {@code keep} bytes long; returns null when it was not kept.
   */
  byte @org.jspecify.annotations.Nullable [] readArgument(long n, int keep)
      throws MalformedPickleException {
    requireAvailable(n);
    prepare((int) n);
    if (n > keep) {
      pos += (int) n;
      return null;
    }
    return copy((int) n);
  }

  /**
   * A bytes payload, read the way {@code _Unpickler_ReadInto} does, as a view of the input (no
   * copy); null when not kept.
   */
  @org.jspecify.annotations.Nullable
  ByteBuffer readBulk(long n, int keep) throws MalformedPickleException {
    requireAvailable(n);
    ByteBuffer kept = n > keep ? null : data.slice(base + pos, (int) n);
    pos += (int) n;
    bufferEnd = Math.max(bufferEnd, pos);
    return kept;
  }

  /**
   * Steps over {@code n} bytes a loader reads itself, as a bulk payload is read ({@link RawData}).
   */
  void skipRaw(long n) throws MalformedPickleException {
    requireAvailable(n);
    pos += (int) n;
    bufferEnd = Math.max(bufferEnd, pos);
  }

  /** The whole input, read-only, from offset 0. */
  ByteBuffer input() {
    return data.slice(base, length).asReadOnlyBuffer();
  }

  /** A protocol 0 text line, without its {@code \n}. */
  byte[] readLine(int maxLineLength) throws MalformedPickleException {
    int newline = find('\n', pos, bufferEnd);
    if (newline < 0) {
      if (bufferEnd > pos) {
        diverge();
      }
      newline = find('\n', pos, (int) Math.min(length, (long) pos + maxLineLength + 1));
      if (newline < 0) {
        throw lineFailure(maxLineLength);
      }
      bufferEnd = newline + 1;
    }
    byte[] line = copy(newline - pos);
    pos = newline + 1;
    return line;
  }

  /** FRAME: the next {@code frameLength} bytes become the buffer. */
  void frame(long frameLength) throws MalformedPickleException {
    if (frameLength < 0) {
      throw new MalformedPickleException(
          Reason.INVALID_ARGUMENT,
          opcodeStart,
          "FRAME length " + Long.toUnsignedString(frameLength) + " exceeds any real input");
    }
    if (pos + frameLength <= bufferEnd) {
      return;
    }
    if (bufferEnd > pos) {
      diverge();
    }
    requireAvailable(frameLength);
    bufferEnd = pos + (int) frameLength;
  }

  private void prepare(int n) throws MalformedPickleException {
    if ((long) pos + n <= bufferEnd) {
      return;
    }
    if (bufferEnd > pos) {
      diverge();
    }
    requireAvailable(n);
    bufferEnd = pos + n;
  }

  private void diverge() {
    if (divergence < 0) {
      divergence = opcodeStart;
    }
    if (reading == Reading.UNBUFFERED_FILE) {
      pos = bufferEnd;
    }
  }

  private void requireAvailable(long n) throws MalformedPickleException {
    if (n >= 0 && pos + n <= length) {
      return;
    }
    if (cappedByLimit) {
      throw new MalformedPickleException(
          Reason.LIMIT_EXCEEDED,
          opcodeStart,
          "the pickle is longer than the "
              + length
              + "-byte limit (Limits.maxBytes); raise the limit to read it all");
    }
    throw new MalformedPickleException(
        Reason.TRUNCATED,
        opcodeStart,
        "the pickle ends inside an opcode: "
            + (n < 0 ? Long.toUnsignedString(n) : n)
            + " bytes needed, "
            + (length - pos)
            + " left; the file is cut short or is not a pickle");
  }

  private MalformedPickleException lineFailure(int maxLineLength) {
    if (length - pos > maxLineLength) {
      return new MalformedPickleException(
          Reason.LIMIT_EXCEEDED,
          opcodeStart,
          "a text argument is longer than the "
              + maxLineLength
              + "-byte limit (Limits.maxLineLength); raise the limit to read it");
    }
    if (cappedByLimit) {
      return new MalformedPickleException(
          Reason.LIMIT_EXCEEDED,
          opcodeStart,
          "the pickle is longer than the "
              + length
              + "-byte limit (Limits.maxBytes); raise the limit to read it all");
    }
    return new MalformedPickleException(
        Reason.TRUNCATED,
        opcodeStart,
        "the pickle ends inside a text argument (no newline); the file is cut short");
  }

  private int find(char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data.get(base + i) == c) {
        return i;
      }
    }
    return -1;
  }

  private byte[] copy(int n) {
    byte[] out = new byte[n];
    data.get(base + pos, out);
    pos += n;
    return out;
  }
}
