package dev.custody.format.pem;

/** A key or certificate file could not be read; the message says which and what was expected. */
public final class MalformedKeyException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure explained by {@code message}. */
  public MalformedKeyException(String message) {
    super(message);
  }

  /** A failure explained by {@code message}, caused by {@code cause}. */
  public MalformedKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
