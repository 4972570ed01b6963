package dev.custody.scan;

/**
 * A scan could not start: a path to scan does not exist or cannot be listed. Problems with single
 * files (unreadable, too large, unknown format) are not exceptions but incomplete {@link
 * FileReport}s, so one bad file never hides the findings of the others.
 */
public final class ScanException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the scan could not start. */
  public enum Reason {
    /** A given path does not exist. */
    NOT_FOUND,
    /** A folder could not be listed, or the scan was interrupted. */
    UNREADABLE
  }

  private final Reason reason;

  ScanException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  ScanException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }
}
