package dev.custody.policy;

import dev.custody.policy.yaml.Mark;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Maps a place inside a rule's expression to the place in the policy file, so compile errors point
 * into the file. Exact for the usual ways of writing an expression (a one-line plain or quoted
 * value, or a block scalar after {@code |} or {@code >}); otherwise it points at the expression's
 * start.
 */
final class SourceMap {
  private final List<String> lines;

  SourceMap(byte[] policyFile) {
    this.lines = new String(policyFile, StandardCharsets.UTF_8).lines().toList();
  }

  /**
   * The file position of {@code line}/{@code column} (1-based line, 0-based column as CEL gives
   * them) of an expression whose value starts at {@code start}.
   */
  Mark locate(Mark start, int line, int column) {
    int safeLine = Math.max(1, line);
    int safeColumn = Math.max(0, column);
    char first = charAt(start.line(), start.column());
    if (first == '|' || first == '>') {
      // A block scalar drops the indentation of its first line from every line.
      return new Mark(start.line() + safeLine, indent(start.line() + 1) + safeColumn + 1);
    }
    if (safeLine == 1) {
      int quote = first == '\'' || first == '"' ? 1 : 0;
      return new Mark(start.line(), start.column() + quote + safeColumn);
    }
    return start;
  }

  private char charAt(int line, int column) {
    if (line - 1 >= lines.size()) {
      return ' ';
    }
    String text = lines.get(line - 1);
    return column - 1 < text.length() ? text.charAt(column - 1) : ' ';
  }

  private int indent(int line) {
    if (line - 1 >= lines.size()) {
      return 0;
    }
    String text = lines.get(line - 1);
    int indent = 0;
    while (indent < text.length() && text.charAt(indent) == ' ') {
      indent++;
    }
    return indent;
  }
}
