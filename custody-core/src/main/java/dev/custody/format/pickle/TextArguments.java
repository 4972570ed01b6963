package dev.custody.format.pickle;

import dev.custody.format.pickle.MalformedPickleException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes the text arguments of protocol 0 opcodes the way the C unpickler does. */
final class TextArguments {
  private TextArguments() {}

  /** GLOBAL and INST lines: strict UTF-8, as {@code load_global} decodes them. */
  static String strictUtf8(byte[] line, long offset) throws MalformedPickleException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedPickleException(
          Reason.INVALID_ARGUMENT,
          offset,
          "a GLOBAL or INST name is not valid UTF-8; the loader refuses it, so the file is"
              + " broken or crafted");
    }
  }

  /** BINUNICODE payloads. CPython allows lone surrogates; they become U+FFFD here. */
  static String lenientUtf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** STRING: a quoted Python 2 repr, {@code 'text'} or {@code "text"}, with backslash escapes. */
  static String quoted(byte[] line, long offset) throws MalformedPickleException {
    int end = line.length;
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\r')) {
      end--;
    }
    if (end < 2 || line[0] != line[end - 1] || (line[0] != '\'' && line[0] != '"')) {
      throw new MalformedPickleException(
          Reason.INVALID_ARGUMENT,
          offset,
          "the STRING opcode argument must be quoted; the file is broken or crafted");
    }
    return escapeDecode(line, 1, end - 1, offset);
  }

  /** {@code codecs.escape_decode}: Python 2 string escapes, bytes kept as Latin-1 chars. */
  private static String escapeDecode(byte[] s, int from, int to, long offset)
      throws MalformedPickleException {
    StringBuilder out = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      int c = s[i++] & 0xff;
      if (c != '\\') {
        out.append((char) c);
        continue;
      }
      if (i >= to) {
        throw badEscape(offset);
      }
      int e = s[i++] & 0xff;
      switch (e) {
        case '\n' -> {}
        case '\\', '\'', '"' -> out.append((char) e);
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case 'x' -> {
          if (i + 2 > to || hex(s[i]) < 0 || hex(s[i + 1]) < 0) {
            throw badEscape(offset);
          }
          out.append((char) (hex(s[i]) * 16 + hex(s[i + 1])));
          i += 2;
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int value = e - '0';
            for (int k = 0; k < 2 && i < to && s[i] >= '0' && s[i] <= '7'; k++) {
              value = value * 8 + (s[i++] - '0');
            }
            out.append((char) (value & 0xff));
          } else {
            out.append('\\').append((char) e);
          }
        }
      }
    }
    return out.toString();
  }

  /** UNICODE: raw-unicode-escape, i.e. Latin-1 with {@code \\uXXXX} and {@code \\UXXXXXXXX}. */
  static String rawUnicodeEscape(byte[] s, long offset) throws MalformedPickleException {
    StringBuilder out = new StringBuilder(s.length);
    int i = 0;
    while (i < s.length) {
      int c = s[i] & 0xff;
      int digits = c == '\\' && i + 1 < s.length ? escapeDigits(s[i + 1]) : 0;
      if (digits == 0 || precededByOddBackslashes(s, i)) {
        out.append((char) c);
        i++;
        continue;
      }
      if (i + 2 + digits > s.length) {
        throw badEscape(offset);
      }
      int cp = 0;
      for (int k = 0; k < digits; k++) {
        int h = hex(s[i + 2 + k]);
        if (h < 0) {
          throw badEscape(offset);
        }
        cp = cp * 16 + h;
      }
      if (!Character.isValidCodePoint(cp)) {
        throw badEscape(offset);
      }
      out.appendCodePoint(cp);
      i += 2 + digits;
    }
    return out.toString();
  }

  private static int escapeDigits(byte b) {
    return b == 'u' ? 4 : b == 'U' ? 8 : 0;
  }

  /** In raw-unicode-escape, {@code \\\\u} is a backslash then {@code \\u}: count the run. */
  private static boolean precededByOddBackslashes(byte[] s, int i) {
    int run = 0;
    for (int k = i - 1; k >= 0 && s[k] == '\\'; k--) {
      run++;
    }
    return run % 2 == 1;
  }

  private static int hex(byte b) {
    return Character.digit(b & 0xff, 16);
  }

  private static MalformedPickleException badEscape(long offset) {
    return new MalformedPickleException(
        Reason.INVALID_ARGUMENT,
        offset,
        "a text argument has a broken backslash escape; the loader refuses it, so the file is"
            + " broken or crafted");
  }
}
