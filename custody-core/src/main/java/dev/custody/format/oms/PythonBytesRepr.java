package dev.custody.format.oms;

/**
 * Python's {@code repr(bytes)}, needed only to check OMS v0.2 signatures, whose signed bytes
 * embedded it (see {@link Envelope#legacyPae()}).
 */
final class PythonBytesRepr {
  private PythonBytesRepr() {}

  /** {@code b'...'}, or {@code b"..."} when the bytes hold a single quote and no double quote. */
  static String of(byte[] bytes) {
    boolean hasSingle = false;
    boolean hasDouble = false;
    for (byte b : bytes) {
      hasSingle |= b == '\'';
      hasDouble |= b == '"';
    }
    char quote = hasSingle && !hasDouble ? '"' : '\'';
    StringBuilder out = new StringBuilder(bytes.length + 3).append('b').append(quote);
    for (byte b : bytes) {
      appendByte(out, b & 0xff, quote);
    }
    return out.append(quote).toString();
  }

  private static void appendByte(StringBuilder out, int b, char quote) {
    switch (b) {
      case '\\' -> out.append("\\\\");
      case '\t' -> out.append("\\t");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      default -> {
        if (b == quote) {
          out.append('\\').append(quote);
        } else if (b < 0x20 || b >= 0x7f) {
          out.append("\\x")
              .append(Character.forDigit(b >> 4, 16))
              .append(Character.forDigit(b & 15, 16));
        } else {
          out.append((char) b);
        }
      }
    }
  }
}
