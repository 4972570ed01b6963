package dev.custody.format.numpy;

/**
 * The bytes are not a {@code .npy} array numpy would read: wrong magic or version, a header past
 * the end, or a header that is not the dictionary numpy writes. The message says what failed, what
 * was expected and what to do.
 */
public final class MalformedArrayException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long offset;

  /** Creates the exception for a failure at byte {@code offset}. */
  public MalformedArrayException(long offset, String message) {
    super(message);
    this.offset = offset;
  }

  /** Byte offset of the failure. */
  public long offset() {
    return offset;
  }

  /** What failed and what to do about it; never null. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }
}
