package dev.custody.format.gguf;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Splits a Jinja2 template (a GGUF chat template) into the tokens of its expressions and
 * statements, the way Jinja's own lexer does with the default delimiters (expression, statement and
 * comment tags, with minus and plus whitespace control), braces balanced inside a tag, and raw
 * blocks left as text. String literals are decoded as Jinja decodes them (Python's {@code
 * unicode-escape}, so {@code '\x5f\x5f'} is two underscores), so rules see the names a template
 * really builds. Template text outside tags is not code and yields no tokens. Bounded by the
 * template's length and {@code maxTokens}; never throws on any input.
 */
public final class JinjaLexer {
  private static final Pattern END_RAW = Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%\\}");

  /** What a token is. */
  public enum Kind {
    /** The start of a tag (expression or statement). */
    TAG_START,
    /** The end of a tag. */
    TAG_END,
    /** An identifier: variable, attribute, filter, test or keyword. */
    NAME,
    /** A string literal; its text is the decoded value. */
    STRING,
    /** A number literal. */
    NUMBER,
    /** An operator or punctuation, e.g. {@code .}, {@code |}, {@code ~}, {@code [}. */
    OPERATOR
  }

  /**
   * One token.
   *
   * @param kind what it is
   * @param text its text (the decoded value of a string)
   * @param offset char offset in the template
   */
  public record Token(Kind kind, String text, int offset) {}

  /**
   * The tokens of a template, and why lexing stopped early if it did.
   *
   * @param tokens the tokens, in order
   * @param error what is wrong with the template, or null when it lexed to its end
   * @param errorOffset char offset of the error, or -1
   */
  public record Tokens(List<Token> tokens, @Nullable String error, int errorOffset) {
    /** Copies the tokens. */
    public Tokens {
      tokens = List.copyOf(tokens);
    }
  }

  private static final String[] OPERATORS = {
    "**", "//", "==", "!=", ">=", "<=", "+", "-", "*", "/", "%", "~", "|", ".", ",", ":", ";", "(",
    ")", "[", "]", "{", "}", "<", ">", "=", "!"
  };

  private final String src;
  private final int maxTokens;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private JinjaLexer(String src, int maxTokens) {
    this.src = src;
    this.maxTokens = maxTokens;
  }

  /** Tokenizes {@code template}, producing at most {@code maxTokens} tokens. */
  public static Tokens tokenize(String template, int maxTokens) {
    JinjaLexer lexer = new JinjaLexer(template, maxTokens);
    String error = null;
    int at = -1;
    try {
      lexer.run();
    } catch (LexError e) {
      error = e.getMessage();
      at = e.offset;
    }
    return new Tokens(lexer.tokens, error, at);
  }

  private void run() throws LexError {
    while (pos < src.length()) {
      int open = src.indexOf('{', pos);
      if (open < 0 || open + 1 >= src.length()) {
        return;
      }
      char next = src.charAt(open + 1);
      if (next == '#') {
        int close = src.indexOf("#}", open + 2);
        if (close < 0) {
          throw new LexError(open, "a comment is never closed with #}");
        }
        pos = close + 2;
      } else if (next == '{' || next == '%') {
        pos = open + 2;
        if (pos < src.length() && (src.charAt(pos) == '-' || src.charAt(pos) == '+')) {
          pos++;
        }
        tag(open, next == '{' ? "}}" : "%}");
      } else {
        pos = open + 1;
      }
    }
  }

  private void tag(int open, String close) throws LexError {
    int first = tokens.size();
    add(Kind.TAG_START, src.substring(open, open + 2), open);
    int depth = 0;
    while (true) {
      skipSpace();
      if (pos >= src.length()) {
        throw new LexError(
            open, "a tag opened with " + src.substring(open, open + 2) + " is never closed");
      }
      if (depth == 0 && closesAt(close)) {
        add(Kind.TAG_END, close, pos);
        pos =
            Math.min(
                src.length(), pos + close.length() + (src.charAt(pos) == close.charAt(0) ? 0 : 1));
        break;
      }
      char c = src.charAt(pos);
      if (c == '\'' || c == '"') {
        string(c);
      } else if (Character.isDigit(c)) {
        int start = pos;
        while (pos < src.length()
            && (Character.isLetterOrDigit(src.charAt(pos))
                || src.charAt(pos) == '_'
                || (src.charAt(pos) == '.'
                    && pos + 1 < src.length()
                    && Character.isDigit(src.charAt(pos + 1))))) {
          pos++;
        }
        add(Kind.NUMBER, src.substring(start, pos), start);
      } else if (Character.isUnicodeIdentifierStart(c) || c == '_') {
        int start = pos;
        while (pos < src.length()
            && (Character.isUnicodeIdentifierPart(src.charAt(pos))
                && !Character.isIdentifierIgnorable(src.charAt(pos)))) {
          pos++;
        }
        add(Kind.NAME, src.substring(start, pos), start);
      } else {
        String op = operator();
        if (op == null) {
          throw new LexError(pos, "unexpected character " + describe(c) + " inside a tag");
        }
        if (op.equals("(") || op.equals("[") || op.equals("{")) {
          depth++;
        } else if (op.equals(")") || op.equals("]") || op.equals("}")) {
          depth = Math.max(0, depth - 1);
        }
        add(Kind.OPERATOR, op, pos);
        pos += op.length();
      }
    }
    if (close.equals("%}")
        && tokens.size() == first + 3
        && tokens.get(first + 1).kind() == Kind.NAME
        && tokens.get(first + 1).text().equals("raw")) {
      Matcher m = END_RAW.matcher(src);
      if (!m.find(pos)) {
        throw new LexError(open, "a raw block is never closed with endraw");
      }
      pos = m.end();
    }
  }

  /** At the tag's closing delimiter, with or without a whitespace-control sign before it. */
  private boolean closesAt(String close) {
    if (src.startsWith(close, pos)) {
      return true;
    }
    char c = src.charAt(pos);
    return (c == '-' || c == '+') && src.startsWith(close, pos + 1);
  }

  private @Nullable String operator() {
    for (String op : OPERATORS) {
      if (src.startsWith(op, pos)) {
        return op;
      }
    }
    return null;
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private void string(char quote) throws LexError {
    int start = pos;
    StringBuilder raw = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= src.length()) {
        throw new LexError(start, "a string literal is never closed");
      }
      char c = src.charAt(pos);
      if (c == quote) {
        pos++;
        break;
      }
      if (c == '\\' && pos + 1 < src.length()) {
        raw.append(c).append(src.charAt(pos + 1));
        pos += 2;
        continue;
      }
      raw.append(c);
      pos++;
    }
    add(Kind.STRING, unescape(raw.toString()), start);
  }

  /** Python's {@code unicode-escape} decoding, as Jinja applies it to string literals. */
  static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case '\n' -> {}
        case '\\', '\'', '"' -> out.append(e);
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'v' -> out.append('\u000b');
        case 'x' -> i = hex(s, i, 2, out);
        case 'u' -> i = hex(s, i, 4, out);
        case 'U' -> i = hex(s, i, 8, out);
        case 'N' -> i = named(s, i, out);
        default -> {
          if (e >= '0' && e <= '7') {
            int end = i;
            while (end < s.length()
                && end < i + 3
                && s.charAt(end) >= '0'
                && s.charAt(end) <= '7') {
              end++;
            }
            out.appendCodePoint(Integer.parseInt(s.substring(i, end), 8));
            i = end - 1;
          } else {
            out.append('\\').append(e);
          }
        }
      }
    }
    return out.toString();
  }

  private static int hex(String s, int i, int digits, StringBuilder out) {
    if (i + digits < s.length() + 0
        && s.substring(i + 1, i + 1 + digits).chars().allMatch(JinjaLexer::isHex)) {
      int cp = (int) Long.parseLong(s.substring(i + 1, i + 1 + digits), 16);
      if (Character.isValidCodePoint(cp)) {
        out.appendCodePoint(cp);
      } else {
        out.append('\ufffd');
      }
      return i + digits;
    }
    out.append('\\').append(s.charAt(i));
    return i;
  }

  private static int named(String s, int i, StringBuilder out) {
    int close = s.indexOf('}', i);
    if (i + 1 < s.length() && s.charAt(i + 1) == '{' && close > i + 2 && close - i < 100) {
      try {
        out.appendCodePoint(Character.codePointOf(s.substring(i + 2, close)));
        return close;
      } catch (IllegalArgumentException e) {
        // unknown name: Python refuses the literal; keep the text so rules still see it
      }
    }
    out.append('\\').append(s.charAt(i));
    return i;
  }

  private static boolean isHex(int c) {
    return Character.digit(c, 16) >= 0 && c < 128;
  }

  private void add(Kind kind, String text, int offset) throws LexError {
    if (tokens.size() >= maxTokens) {
      throw new LexError(offset, "the template has more than " + maxTokens + " tokens");
    }
    tokens.add(new Token(kind, text, offset));
  }

  private static String describe(char c) {
    return String.format(java.util.Locale.ROOT, "U+%04X", (int) c);
  }

  /** Lexing stopped; the message says why. */
  private static final class LexError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    LexError(int offset, String message) {
      super(message);
      this.offset = offset;
    }
  }
}
