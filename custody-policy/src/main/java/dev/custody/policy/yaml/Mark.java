package dev.custody.policy.yaml;

/**
 * A place in a YAML file, as people count: lines and columns from 1.
 *
 * @param line the line, from 1
 * @param column the column, from 1
 */
public record Mark(int line, int column) {
  /** Checks both are positive. */
  public Mark {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("lines and columns count from 1");
    }
  }

  /** {@code line 3, column 7}. */
  @Override
  public String toString() {
    return "line " + line + ", column " + column;
  }
}
