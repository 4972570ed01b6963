package dev.custody.internal;

/**
 * Makes text that came from a model (file names, keys, strings inside files) safe to put in a
 * message: control and formatting characters are escaped, so a crafted name cannot rewrite a
 * terminal line or forge a log entry, and long text is cut so it cannot drown the message.
 */
public final class Untrusted {
  /** Longest quoted text, in code points, before it is cut. */
  public static final int MAX_CODE_POINTS = 120;

  private Untrusted() {}

  /** Returns {@code text} in single quotes, escaped and cut to {@link #MAX_CODE_POINTS}. */
  public static String quote(String text) {
    return "'" + escape(text) + "'";
  }

  /** Returns {@code text} escaped and cut to {@link #MAX_CODE_POINTS}, without quotes. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CODE_POINTS) + 8);
    int count = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (count++ == MAX_CODE_POINTS) {
        out.append("…");
        break;
      }
      appendEscaped(out, cp);
    }
    return out.toString();
  }

  private static void appendEscaped(StringBuilder out, int cp) {
    switch (cp) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\\' -> out.append("\\\\");
      case '\'' -> out.append("\\'");
      default -> {
        if (isUnsafe(cp)) {
          out.append(String.format(java.util.Locale.ROOT, "\\u{%04x}", cp));
        } else {
          out.appendCodePoint(cp);
        }
      }
    }
  }

  private static boolean isUnsafe(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.UNASSIGNED
        || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
