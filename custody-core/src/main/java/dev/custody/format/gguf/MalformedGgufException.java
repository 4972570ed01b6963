package dev.custody.format.gguf;

/**
 * A GGUF file could not be read to its end: its bytes break the format so that reading cannot go
 * on, or reading would pass a {@link GgufLimits limit}. Everything read before the failure is still
 * in the {@link GgufFile} that carries this exception.
 */
public final class MalformedGgufException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why reading stopped. */
  public enum Reason {
    /** Bad magic or version, a length past the end, an unknown type: no reader can go on. */
    MALFORMED,
    /** A {@link GgufLimits} bound was reached, or the bytes given end before the metadata. */
    LIMIT_EXCEEDED
  }

  private final Reason reason;
  private final long offset;

  /** Creates the exception for a failure at byte {@code offset}. */
  public MalformedGgufException(Reason reason, long offset, String message) {
    super(message);
    this.reason = reason;
    this.offset = offset;
  }

  /** Why reading stopped. */
  public Reason reason() {
    return reason;
  }

  /** Byte offset of the item that failed. */
  public long offset() {
    return offset;
  }

  /** What failed and what was expected; never null. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }
}
