package dev.custody.attest;

import org.jspecify.annotations.Nullable;

/**
 * An attestation could not be made: an input could not be read or digested, or the attestation
 * could not be written. The message says what failed and what to do.
 */
public final class AttestationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Whose fault it is, so a command line can choose its exit code. */
  public enum Kind {
    /** An input named by the caller is missing or malformed: fix the argument or the file. */
    BAD_INPUT,
    /** Reading, digesting or writing failed for another reason. */
    OPERATIONAL
  }

  private final Kind kind;

  /** A failure of {@code kind}, explained by {@code message}. */
  public AttestationException(Kind kind, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** Whose fault it is. */
  public Kind kind() {
    return kind;
  }
}
