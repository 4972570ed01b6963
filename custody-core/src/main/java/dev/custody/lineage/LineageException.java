package dev.custody.lineage;

/** The evidence store could not be listed; the message says which and what to do. */
public final class LineageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure explained by {@code message}. */
  public LineageException(String message, Throwable cause) {
    super(message, cause);
  }
}
