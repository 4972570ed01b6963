package dev.custody.format.onnx;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one protobuf message, within its bytes only: a length-delimited field can
 * never reach past its parent. Varints are at most 10 bytes and must fit 64 bits; field number 0,
 * groups (wire types 3 and 4) and wire types 6 and 7 are refused. Depth and the total number of
 * fields are bounded by the shared {@link Budget}.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  /** Limits shared by every reader of one model. */
  static final class Budget {
    private final OnnxLimits limits;
    private long fields;

    Budget(OnnxLimits limits) {
      this.limits = limits;
    }

    OnnxLimits limits() {
      return limits;
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

  ProtoReader(ByteBuffer buf, int start, int end, int depth, Budget budget) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
    this.depth = depth;
    this.budget = budget;
  }

  /** Moves to the next field; false at the end of the message. */
  boolean next() throws MalformedOnnxException {
    if (pos >= end) {
      return false;
    }
    fieldStart = pos;
    if (++budget.fields > budget.limits.maxFields()) {
      throw new MalformedOnnxException(
          MalformedOnnxException.Reason.LIMIT_EXCEEDED,
          pos,
          "the model has more than " + budget.limits.maxFields() + " fields");
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

  int field() {
    return field;
  }

  int wireType() {
    return wireType;
  }

  /** Byte offset of the current field's tag. */
  int fieldStart() {
    return fieldStart;
  }

  /** The current field as a varint (after checking its wire type is 0). */
  long varint() throws MalformedOnnxException {
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
  private int[] span() throws MalformedOnnxException {
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
    pos += (int) length;
    return new int[] {start, pos};
  }

  /** The current field as a nested message one level deeper. */
  ProtoReader message() throws MalformedOnnxException {
    if (depth + 1 > budget.limits.maxDepth()) {
      throw new MalformedOnnxException(
          MalformedOnnxException.Reason.LIMIT_EXCEEDED,
          fieldStart,
          "messages nest more than " + budget.limits.maxDepth() + " deep");
    }
    int[] span = span();
    return new ProtoReader(buf, span[0], span[1], depth + 1, budget);
  }

  /** The current field as text (UTF-8, decoded leniently), cut to the string limit. */
  String string() throws MalformedOnnxException {
    int[] span = span();
    int length = Math.min(span[1] - span[0], budget.limits.maxStringBytes());
    byte[] bytes = new byte[length];
    buf.get(span[0], bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Skips the current field, whatever its wire type. */
  void skip() throws MalformedOnnxException {
    switch (wireType) {
      case VARINT -> varint();
      case FIXED64 -> advance(8);
      case LENGTH_DELIMITED -> span();
      case FIXED32 -> advance(4);
      default -> throw malformed(fieldStart, "wire type " + wireType + " cannot be skipped");
    }
  }

  private void advance(int bytes) throws MalformedOnnxException {
    if (bytes > end - pos) {
      throw malformed(fieldStart, "a fixed-size field runs past the end of its message");
    }
    pos += bytes;
  }

  static MalformedOnnxException malformed(long offset, String message) {
    return new MalformedOnnxException(MalformedOnnxException.Reason.MALFORMED, offset, message);
  }
}
