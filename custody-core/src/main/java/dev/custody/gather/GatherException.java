package dev.custody.gather;

/**
 * Evidence could not be gathered at all: the model is missing, unreadable or cannot be hashed. (A
 * signature that fails, or a scan that stops early, is evidence, not an exception.)
 */
public final class GatherException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why gathering failed. */
  public enum Reason {
    /** The model path does not exist. */
    NOT_FOUND,
    /** The model could not be read, walked or hashed (the cause says why). */
    UNREADABLE
  }

  private final Reason reason;

  /** A failure for {@code reason}, explained by {@code message}. */
  public GatherException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why gathering failed. */
  public Reason reason() {
    return reason;
  }
}
