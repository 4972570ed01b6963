package dev.custody.policy.yaml;

/** A YAML document is not well formed, or breaks a limit or a rule of the strict reader. */
public final class MalformedYamlException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Mark mark;

  /** A failure at {@code mark}, explained by {@code message}. */
  public MalformedYamlException(Mark mark, String message) {
    super(message);
    this.mark = mark;
  }

  /** Where it failed (line 1, column 1 when the place is unknown). */
  public Mark mark() {
    return mark;
  }
}
