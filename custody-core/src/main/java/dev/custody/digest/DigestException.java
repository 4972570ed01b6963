package dev.custody.digest;

import org.jspecify.annotations.Nullable;

/** A model could not be digested. The message says what failed and what to do about it. */
public final class DigestException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why digesting stopped; callers map it to exit codes or HTTP statuses. */
  public enum Reason {
    /** The model path does not exist. */
    MODEL_NOT_FOUND,
    /** A file or folder could not be listed or read. */
    UNREADABLE,
    /** The model holds something custody refuses by default: a symlink, a special file. */
    REFUSED,
    /** The model is larger than a configured limit (files, depth). */
    LIMIT_EXCEEDED,
    /** A file changed size while it was being hashed. */
    CHANGED_WHILE_HASHING,
    /** The digesting thread was interrupted. */
    INTERRUPTED
  }

  private final Reason reason;

  /** Creates the exception; {@code message} names the failure and the fix. */
  public DigestException(Reason reason, String message) {
    this(reason, message, null);
  }

  /** Creates the exception with the I/O error that caused it. */
  public DigestException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** What failed and what to do about it; never null. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }

  /** Why digesting stopped. */
  public Reason reason() {
    return reason;
  }
}
