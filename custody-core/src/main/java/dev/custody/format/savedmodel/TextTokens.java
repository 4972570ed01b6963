package dev.custody.format.savedmodel;

import dev.custody.format.protobuf.MalformedProtoException;
import dev.custody.format.protobuf.MalformedProtoException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The tokens of protobuf text format, one at a time with one token of push-back: identifiers,
 * numbers (any run of number characters; their value is never needed), strings (single or double
 * quoted, escapes decoded to bytes as protobuf's tokenizer does), single punctuation characters,
 * and the end. {@code #} comments and whitespace are skipped. Every call consumes input or ends,
 * and the token count is capped, so reading is linear and bounded.
 */
final class TextTokens {
  enum Kind {
    IDENTIFIER,
    NUMBER,
    STRING,
    PUNCT,
    END
  }

  /**
   * A token: {@code latin1} holds its bytes one char per byte (the decoded value for {@link
   * Kind#STRING}, else the raw text), so any bytes survive unchanged.
   */
  record Token(Kind kind, String latin1, long offset) {
    Token(Kind kind, byte[] bytes, long offset) {
      this(kind, new String(bytes, StandardCharsets.ISO_8859_1), offset);
    }

    boolean is(char c) {
      return kind == Kind.PUNCT && latin1.length() == 1 && latin1.charAt(0) == c;
    }

    byte[] bytes() {
      return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    String text() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }
  }

  private final ByteBuffer in;
  private final long maxTokens;
  private int at;
  private long count;
  private @Nullable Token pushed;

  TextTokens(ByteBuffer in, long maxTokens) {
    this.in = in;
    this.maxTokens = maxTokens;
  }

  long offset() {
    return at;
  }

  void push(Token t) {
    pushed = t;
  }

  MalformedProtoException malformed(Token t, String what) {
    String found =
        switch (t.kind()) {
          case END -> "the end of the text";
          case STRING -> "a string";
          default -> "'" + printable(t.bytes()) + "'";
        };
    return new MalformedProtoException(
        Reason.MALFORMED, t.offset(), what + ", found " + found + " at byte " + t.offset());
  }

  Token next() throws MalformedProtoException {
    Token p = pushed;
    if (p != null) {
      pushed = null;
      return p;
    }
    skipSpaceAndComments();
    int start = at;
    if (at >= in.limit()) {
      return new Token(Kind.END, new byte[0], start);
    }
    if (++count > maxTokens) {
      throw new MalformedProtoException(
          Reason.LIMIT_EXCEEDED, start, "the text has more than " + maxTokens + " tokens");
    }
    int c = u8(at);
    if (isLetter(c)) {
      while (at < in.limit() && (isLetter(u8(at)) || isDigit(u8(at)) || u8(at) == '.')) {
        at++;
      }
      return new Token(Kind.IDENTIFIER, slice(start, at), start);
    }
    if (isDigit(c) || c == '-' || c == '+' || (c == '.' && at + 1 < in.limit())) {
      at++;
      while (at < in.limit() && isNumberPart(u8(at))) {
        at++;
      }
      return new Token(Kind.NUMBER, slice(start, at), start);
    }
    if (c == '"' || c == '\'') {
      return new Token(Kind.STRING, string(c), start);
    }
    at++;
    return new Token(Kind.PUNCT, new byte[] {(byte) c}, start);
  }

  private void skipSpaceAndComments() {
    while (at < in.limit()) {
      int c = u8(at);
      if (c == '#') {
        while (at < in.limit() && u8(at) != '\n') {
          at++;
        }
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
        at++;
      } else {
        return;
      }
    }
  }

  /** A quoted string from the opening quote; escapes as protobuf's text tokenizer reads them. */
  private byte[] string(int quote) throws MalformedProtoException {
    int start = at;
    at++;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      if (at >= in.limit() || u8(at) == '\n') {
        throw new MalformedProtoException(
            Reason.MALFORMED, start, "a string starting at byte " + start + " is not closed");
      }
      int c = u8(at++);
      if (c == quote) {
        return out.toByteArray();
      }
      if (c != '\\') {
        out.write(c);
        continue;
      }
      if (at >= in.limit()) {
        continue; // reported as unclosed on the next turn
      }
      int e = u8(at++);
      switch (e) {
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case 'r' -> out.write('\r');
        case 'a' -> out.write(7);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'v' -> out.write(0x0b);
        case 'x', 'X' -> out.write(digits(16, 2, 0));
        case 'u' -> out.writeBytes(codePoint(digits(16, 4, 0)));
        case 'U' -> out.writeBytes(codePoint(digits(16, 8, 0)));
        default -> {
          if (e >= '0' && e <= '7') {
            out.write(digits(8, 2, e - '0'));
          } else {
            out.write(e); // \\ \' \" \? and any other character stand for themselves
          }
        }
      }
    }
  }

  /** Up to {@code max} more digits in {@code radix} after {@code initial}. */
  private int digits(int radix, int max, int initial) {
    long value = initial;
    for (int i = 0; i < max && at < in.limit(); i++) {
      int d = Character.digit(u8(at), radix);
      if (d < 0) {
        break;
      }
      value = value * radix + d;
      at++;
    }
    return (int) Math.min(value, Integer.MAX_VALUE);
  }

  private static byte[] codePoint(int cp) {
    int valid = Character.isValidCodePoint(cp) ? cp : 0xFFFD;
    return new String(Character.toChars(valid)).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] slice(int from, int to) {
    byte[] b = new byte[to - from];
    in.get(from, b);
    return b;
  }

  private int u8(int i) {
    return in.get(i) & 0xff;
  }

  private static boolean isLetter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNumberPart(int c) {
    return isLetter(c) || isDigit(c) || c == '.' || c == '-' || c == '+';
  }

  private static String printable(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      int c = x & 0xff;
      if (c >= 0x20 && c < 0x7f) {
        s.append((char) c);
      } else {
        s.append("\\x")
            .append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 15, 16));
      }
    }
    return s.toString();
  }
}
