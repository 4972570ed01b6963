package dev.custody.format.protobuf;

/**
 * Protobuf bytes could not be read to their end: they break the wire format, or reading them would
 * pass a {@link ProtoReader.Budget} bound. Format readers keep what they read before it.
 */
public final class MalformedProtoException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why reading stopped. */
  public enum Reason {
    /** The bytes break the protobuf wire format. */
    MALFORMED,
    /** A bound of the {@link ProtoReader.Budget} was reached. */
    LIMIT_EXCEEDED
  }

  private final Reason reason;
  private final long offset;

  /** Creates the exception for a failure at byte {@code offset}. */
  public MalformedProtoException(Reason reason, long offset, String message) {
    super(message);
    this.reason = reason;
    this.offset = offset;
  }

  /** Why reading stopped. */
  public Reason reason() {
    return reason;
  }

  /** Byte offset of the field that failed. */
  public long offset() {
    return offset;
  }

  /** What failed and what was expected; never null. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }
}
