package dev.custody.format.zip;

/**
 * The bytes are not a zip archive that a central-directory reader (miniz, CPython {@code zipfile})
 * would open: no end-of-central-directory record, a central directory outside the file, a broken
 * entry header, several disks. No loader of that kind reads a member of it. The message says what
 * failed, what was expected and what to do.
 */
public final class MalformedZipException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long offset;

  /** Creates the exception for a failure at byte {@code offset}. */
  public MalformedZipException(long offset, String message) {
    super(message);
    this.offset = offset;
  }

  /** Byte offset of the structure that failed. */
  public long offset() {
    return offset;
  }

  /** What failed and what to do about it; never null. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }
}
