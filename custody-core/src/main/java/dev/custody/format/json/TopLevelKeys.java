package dev.custody.format.json;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Tells whether a JSON object has a given key at its top level, in one pass over the bytes with no
 * allocation for the common case: only quotes, backslashes, brackets, colons and commas matter, so
 * the pass is exact for every document a conforming parser (Python's {@code json}, which
 * transformers uses) accepts, including keys written with JSON escapes (a backslash-u escape for
 * the underscore). Total on any bytes: malformed input gives some answer, never an exception.
 */
public final class TopLevelKeys {
  private TopLevelKeys() {}

  /** True when the object in {@code data} (position to limit) has {@code key} at its top level. */
  public static boolean contains(ByteBuffer data, String key) {
    ByteBuffer b = data.slice();
    byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
    int n = b.limit();
    int depth = 0;
    boolean expectKey = false;
    int i = 0;
    while (i < n) {
      int c = b.get(i) & 0xff;
      if (c == '"') {
        int end = stringEnd(b, i + 1, n);
        if (depth == 1 && expectKey && sameKey(b, i + 1, end, wanted, key)) {
          return true;
        }
        expectKey = false;
        i = end + 1;
        continue;
      }
      switch (c) {
        case '{', '[' -> {
          depth++;
          expectKey = c == '{' && depth == 1;
        }
        case '}', ']' -> depth--;
        case ',' -> expectKey = depth == 1;
        default -> {}
      }
      if (depth < 1 && i > 0 && (c == '}' || c == ']')) {
        return false; // the top-level value has ended
      }
      i++;
    }
    return false;
  }

  /** Index of the closing quote of a string whose content starts at {@code from} (or n). */
  private static int stringEnd(ByteBuffer b, int from, int n) {
    int i = from;
    while (i < n) {
      int c = b.get(i) & 0xff;
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i;
      } else {
        i++;
      }
    }
    return n;
  }

  private static boolean sameKey(ByteBuffer b, int from, int to, byte[] wanted, String key) {
    boolean escaped = false;
    for (int i = from; i < to; i++) {
      if (b.get(i) == '\\') {
        escaped = true;
        break;
      }
    }
    if (!escaped) {
      if (to - from != wanted.length) {
        return false;
      }
      for (int i = 0; i < wanted.length; i++) {
        if (b.get(from + i) != wanted[i]) {
          return false;
        }
      }
      return true;
    }
    // Keys with escapes are rare: decode them (bounded by the key's length).
    if (to - from > wanted.length * 6 + 16) {
      return false;
    }
    return key.equals(unescape(b, from, to));
  }

  private static String unescape(ByteBuffer b, int from, int to) {
    byte[] raw = new byte[to - from];
    b.get(from, raw);
    String s = new String(raw, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'u' -> {
          if (isHex(s, i + 1)) {
            out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
          } else {
            out.append('\\').append(e);
          }
        }
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        default -> out.append(e);
      }
    }
    return out.toString();
  }

  private static boolean isHex(String s, int at) {
    if (at + 4 > s.length()) {
      return false;
    }
    for (int i = at; i < at + 4; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
