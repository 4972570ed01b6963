package dev.custody.format.numpy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded parser for the Python literals {@code ast.literal_eval} accepts in numpy headers:
 * dicts, tuples, lists, str (either quote, escapes, adjacent literals joined), int (optionally
 * signed, with a Python 2 {@code L} suffix), True, False and None. Values become Java {@link Map},
 * {@link List} (tuples and lists alike), {@link String}, {@link BigInteger}, {@link Boolean} and
 * {@link #NONE}.
 */
final class PythonLiteral {
  /** Python's None. */
  static final Object NONE = new Object();

  private static final int MAX_DEPTH = 32;

  private final String text;
  private int at;

  private PythonLiteral(String text) {
    this.text = text;
  }

  static Object parse(String text) throws IllegalArgumentException {
    PythonLiteral parser = new PythonLiteral(text);
    Object value = parser.value(0);
    parser.skipSpace();
    if (parser.at != text.length()) {
      throw parser.error("unexpected text after the literal");
    }
    return value;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    skipSpace();
    if (at >= text.length()) {
      throw error("the literal ends early");
    }
    char c = text.charAt(at);
    if (c == '{') {
      return dict(depth);
    }
    if (c == '(' || c == '[') {
      return sequence(depth, c == '(' ? ')' : ']', c == '(');
    }
    if (c == '\'' || c == '"') {
      return string();
    }
    if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
      return integer();
    }
    String word = word();
    return switch (word) {
      case "True" -> true;
      case "False" -> false;
      case "None" -> NONE;
      default -> throw error("not a literal: '" + word + "'");
    };
  }

  private Map<Object, Object> dict(int depth) {
    at++;
    Map<Object, Object> map = new LinkedHashMap<>();
    while (true) {
      skipSpace();
      if (peek() == '}') {
        at++;
        return map;
      }
      Object key = value(depth + 1);
      if (key instanceof Map) {
        throw error("a dict key must be hashable");
      }
      skipSpace();
      expect(':');
      Object item = value(depth + 1);
      map.put(key, item);
      skipSpace();
      if (peek() == ',') {
        at++;
      } else if (peek() != '}') {
        throw error("expected ',' or '}' in a dict");
      }
    }
  }

  private Object sequence(int depth, char close, boolean tuple) {
    at++;
    List<Object> items = new ArrayList<>();
    boolean comma = false;
    while (true) {
      skipSpace();
      if (peek() == close) {
        at++;
        if (tuple && items.size() == 1 && !comma) {
          return items.get(0); // a parenthesised value, not a tuple
        }
        return items;
      }
      items.add(value(depth + 1));
      skipSpace();
      if (peek() == ',') {
        at++;
        comma = true;
      } else if (peek() != close) {
        throw error("expected ',' or '" + close + "'");
      }
    }
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    do {
      char quote = text.charAt(at++);
      while (true) {
        if (at >= text.length()) {
          throw error("a string is not closed");
        }
        char c = text.charAt(at++);
        if (c == quote) {
          break;
        }
        if (c == '\n') {
          throw error("a newline inside a string");
        }
        if (c == '\\') {
          escape(out);
        } else {
          out.append(c);
        }
      }
      skipSpace();
    } while (at < text.length() && (peek() == '\'' || peek() == '"'));
    return out.toString();
  }

  private void escape(StringBuilder out) {
    if (at >= text.length()) {
      throw error("a string ends in a backslash");
    }
    char c = text.charAt(at++);
    switch (c) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case '0', '1', '2', '3', '4', '5', '6', '7' -> out.append((char) octal(c));
      case '\\', '\'', '"' -> out.append(c);
      case '\n' -> {}
      case 'x' -> out.append((char) hex(2));
      case 'u' -> out.append((char) hex(4));
      case 'U' -> out.appendCodePoint(codePoint(hex(8)));
      default -> out.append('\\').append(c);
    }
  }

  private int octal(char first) {
    int value = first - '0';
    for (int i = 0; i < 2 && at < text.length(); i++) {
      char c = text.charAt(at);
      if (c < '0' || c > '7') {
        break;
      }
      value = value * 8 + (c - '0');
      at++;
    }
    return value;
  }

  private int codePoint(int value) {
    if (value < 0 || value > Character.MAX_CODE_POINT) {
      throw error("\\U escape out of range");
    }
    return value;
  }

  private int hex(int digits) {
    if (at + digits > text.length()) {
      throw error("a hex escape ends early");
    }
    int value = 0;
    for (int i = 0; i < digits; i++) {
      int d = Character.digit(text.charAt(at++), 16);
      if (d < 0) {
        throw error("a bad hex digit in an escape");
      }
      value = value * 16 + d;
    }
    return value;
  }

  private BigInteger integer() {
    int start = at;
    if (peek() == '-' || peek() == '+') {
      at++;
      skipSpace();
    }
    int digits = at;
    while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 128) {
      at++;
    }
    if (at == digits || at - digits > 40) {
      throw error("not an integer");
    }
    BigInteger value = new BigInteger(text.substring(digits, at));
    if (at < text.length() && (text.charAt(at) == 'L' || text.charAt(at) == 'l')) {
      at++;
    }
    return text.charAt(start) == '-' ? value.negate() : value;
  }

  private String word() {
    int start = at;
    while (at < text.length() && Character.isLetterOrDigit(text.charAt(at)) && at - start < 16) {
      at++;
    }
    return text.substring(start, at);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void skipSpace() {
    while (at < text.length() && " \t\n\r\f".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at character " + at);
  }
}
