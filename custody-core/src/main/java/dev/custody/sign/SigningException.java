package dev.custody.sign;

import org.jspecify.annotations.Nullable;

/**
 * A model could not be signed: the model could not be digested, the key and certificate do not
 * belong together, or the signature could not be written. The message says which and what to do.
 */
public final class SigningException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure explained by {@code message}. */
  public SigningException(String message) {
    super(message);
  }

  /** A failure explained by {@code message}, caused by {@code cause}. */
  public SigningException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
