package dev.custody.format.protobuf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one protobuf message, within its bytes only: a length-delimited field can
 * never reach past its parent. Varints are at most 10 bytes and must fit 64 bits; field number 0,
 * groups (wire types 3 and 4) and wire types 6 and 7 are refused. Depth and the total number of
 * fields are bounded by the shared {@link Budget}.
 */
public final class ProtoReader {
  /** Wire type 0. */
  public static final int VARINT = 0;

  /** Wire type 1. */
  public static final int FIXED64 = 1;

  /** Wire type 2: strings, bytes, nested messages and packed repeated fields. */
  public static final int LENGTH_DELIMITED = 2;

  /** Wire type 5. */
  public static final int FIXED32 = 5;

  /** Limits shared by every reader of one file; not thread-safe (one file, one thread). */
  public static final class Budget {
    private final int maxDepth;
    private final long maxFields;
    private final int maxStringBytes;
    private long fields;

    /**
     * A budget for one file.
     *
     * @param maxDepth deepest nesting of messages (protobuf's own default limit is 100)
     * @param maxFields most fields read over the whole file
     * @param maxStringBytes longest string or bytes value kept; longer ones are cut
     */
    public Budget(int maxDepth, long maxFields, int maxStringBytes) {
      if (maxDepth < 1 || maxFields < 1 || maxStringBytes < 1) {
        throw new IllegalArgumentException("protobuf limits must be positive");
      }
      this.maxDepth = maxDepth;
      this.maxFields = maxFields;
      this.maxStringBytes = maxStringBytes;
    }
  }

  private final ByteBuffer buf;
  private final int end;
  private final int depth;
  private final Budget budget;
  private int pos;
  private int fieldStart;
  private int field;
  private int wireType;
  private int lastLength;

  private ProtoReader(ByteBuffer buf, int start, int end, int depth, Budget budget) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
    this.depth = depth;
    this.budget = budget;
  }

  /** A reader of the whole of {@code buf} (index 0 to its limit) as one top-level message. */
  public static ProtoReader of(ByteBuffer buf, Budget budget) {
    return new ProtoReader(buf, 0, buf.limit(), 0, budget);
  }

  /** Moves to the next field; false at the end of the message. */
  public boolean next() throws MalformedProtoException {
    if (pos >= end) {
      return false;
    }
    fieldStart = pos;
    if (++budget.fields > budget.maxFields) {
      throw new MalformedProtoException(
          MalformedProtoException.Reason.LIMIT_EXCEEDED,
          pos,
          "the file has more than " + budget.maxFields + " fields");
    }
    long tag = varint();
    long number = tag >>> 3;
    wireType = (int) (tag & 7);
    if (number == 0 || number > (1 << 29) - 1) {
      throw malformed(
          fieldStart, "field number " + Long.toUnsignedString(number) + " is not valid");
    }
    if (wireType == 3 || wireType == 4 || wireType > 5) {
      throw malformed(
          fieldStart,
          "wire type " + wireType + " (field " + number + ") is a group or not a wire type");
    }
    field = (int) number;
    return true;
  }

  public int field() {
    return field;
  }

  public int wireType() {
    return wireType;
  }

  /** Byte offset of the current field's tag. */
  public int fieldStart() {
    return fieldStart;
  }

  /** The current field as a varint (after checking its wire type is 0). */
  public long varint() throws MalformedProtoException {
    long result = 0;
    for (int i = 0; i < 10; i++) {
      if (pos >= end) {
        throw malformed(pos, "a varint runs past the end of its message");
      }
      byte b = buf.get(pos++);
      if (i == 9 && (b & 0xFE) != 0) {
        throw malformed(pos - 1, "a varint does not fit in 64 bits");
      }
      result |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw malformed(pos, "a varint is longer than 10 bytes");
  }

  /** The current length-delimited field's bounds, [start, end), after moving past it. */
  private int[] span() throws MalformedProtoException {
    long length = varint();
    if (length < 0 || length > end - pos) {
      throw malformed(
          fieldStart,
          "field "
              + field
              + " claims "
              + Long.toUnsignedString(length)
              + " bytes but its message has "
              + (end - pos)
              + " left");
    }
    int start = pos;
    lastLength = (int) length;
    pos += (int) length;
    return new int[] {start, pos};
  }

  /** The current field as a nested message one level deeper. */
  public ProtoReader message() throws MalformedProtoException {
    if (depth + 1 > budget.maxDepth) {
      throw new MalformedProtoException(
          MalformedProtoException.Reason.LIMIT_EXCEEDED,
          fieldStart,
          "messages nest more than " + budget.maxDepth + " deep");
    }
    int[] span = span();
    return new ProtoReader(buf, span[0], span[1], depth + 1, budget);
  }

  /** The current field as text (UTF-8, decoded leniently), cut to the string limit. */
  public String string() throws MalformedProtoException {
    return new String(bytes(budget.maxStringBytes), StandardCharsets.UTF_8);
  }

  /** The current field as raw bytes, at most {@code max} of them; the rest is skipped. */
  public byte[] bytes(int max) throws MalformedProtoException {
    int[] span = span();
    byte[] bytes = new byte[Math.min(span[1] - span[0], max)];
    buf.get(span[0], bytes);
    return bytes;
  }

  /** The full length of the last length-delimited field read, cut or not. */
  public int lastLength() {
    return lastLength;
  }

  /** True when the current field is length-delimited (a string, bytes or a message). */
  public boolean isLengthDelimited() {
    return wireType == LENGTH_DELIMITED;
  }

  /** Skips the current field, whatever its wire type. */
  public void skip() throws MalformedProtoException {
    switch (wireType) {
      case VARINT -> varint();
      case FIXED64 -> advance(8);
      case LENGTH_DELIMITED -> span();
      case FIXED32 -> advance(4);
      default -> throw malformed(fieldStart, "wire type " + wireType + " cannot be skipped");
    }
  }

  private void advance(int bytes) throws MalformedProtoException {
    if (bytes > end - pos) {
      throw malformed(fieldStart, "a fixed-size field runs past the end of its message");
    }
    pos += bytes;
  }

  public static MalformedProtoException malformed(long offset, String message) {
    return new MalformedProtoException(MalformedProtoException.Reason.MALFORMED, offset, message);
  }
}
