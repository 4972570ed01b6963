package dev.custody.format.json;

/** A document is not strict JSON within its limits; the message says where and why. */
public final class MalformedJsonException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure explained by {@code message}. */
  public MalformedJsonException(String message) {
    super(message);
  }

  /** A failure explained by {@code message}, found through {@code cause}. */
  public MalformedJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
