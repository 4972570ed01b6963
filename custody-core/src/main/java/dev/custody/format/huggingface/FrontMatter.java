package dev.custody.format.huggingface;

import org.jspecify.annotations.Nullable;

/** The YAML between a leading {@code ---} line and the next {@code ---} line of a model card. */
final class FrontMatter {
  private static final String FENCE = "---";

  private FrontMatter() {}

  /**
   * The front matter of {@code card}, or {@code null} when the card does not start with one.
   *
   * @throws MalformedMetadataException if it starts but never ends
   */
  static @Nullable String extract(String card) throws MalformedMetadataException {
    String text = card.startsWith("\uFEFF") ? card.substring(1) : card;
    int firstEnd = lineEnd(text, 0);
    if (!line(text, 0, firstEnd).strip().equals(FENCE)) {
      return null;
    }
    int start = next(text, firstEnd);
    for (int lineStart = start; lineStart < text.length(); ) {
      int end = lineEnd(text, lineStart);
      if (line(text, lineStart, end).stripTrailing().equals(FENCE)) {
        return text.substring(start, lineStart);
      }
      lineStart = next(text, end);
    }
    throw new MalformedMetadataException(
        "the model card starts a front matter block with '---' on line 1 but never closes it;"
            + " end the YAML with a line holding only '---'");
  }

  private static int lineEnd(String text, int from) {
    int newline = text.indexOf('\n', from);
    return newline < 0 ? text.length() : newline;
  }

  private static int next(String text, int lineEnd) {
    return Math.min(text.length(), lineEnd + 1);
  }

  private static String line(String text, int start, int end) {
    String line = text.substring(start, end);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
