package dev.custody.format.safetensors;

/**
 * The header of a safetensors file could not be read: the file is not one the safetensors library
 * would open, or reading it would pass a {@link SafetensorsLimits limit}. Problems with single
 * tensors are not exceptions; they are {@link SafetensorsFile.Problem problems} of a file that was
 * read.
 */
public final class MalformedSafetensorsException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why reading stopped. */
  public enum Reason {
    /** The header length or the JSON header is not what the library accepts. */
    MALFORMED_HEADER,
    /** A {@link SafetensorsLimits} bound was reached. */
    LIMIT_EXCEEDED
  }

  private final Reason reason;
  private final long offset;

  /** Creates the exception for a failure at byte {@code offset}. */
  public MalformedSafetensorsException(Reason reason, long offset, String message) {
    super(message);
    this.reason = reason;
    this.offset = offset;
  }

  /** Why reading stopped. */
  public Reason reason() {
    return reason;
  }

  /** Byte offset in the file where the failure lies. */
  public long offset() {
    return offset;
  }

  /** What failed and what was expected; never null. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }
}
