package dev.custody.format.onnx;

/**
 * An ONNX model could not be read to its end: its bytes are not well-formed protobuf, or reading
 * them would pass an {@link OnnxLimits limit}. Everything read before the failure is still in the
 * {@link OnnxModel} that carries this exception.
 */
public final class MalformedOnnxException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why reading stopped. */
  public enum Reason {
    /** The bytes break the protobuf wire format. */
    MALFORMED,
    /** An {@link OnnxLimits} bound was reached. */
    LIMIT_EXCEEDED
  }

  private final Reason reason;
  private final long offset;

  /** Creates the exception for a failure at byte {@code offset}. */
  public MalformedOnnxException(Reason reason, long offset, String message) {
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
