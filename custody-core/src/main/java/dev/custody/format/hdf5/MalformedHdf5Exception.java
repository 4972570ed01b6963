package dev.custody.format.hdf5;

/**
 * The root attributes of an HDF5 file could not be read: the structure is not valid HDF5 (or uses a
 * part of the format jhdf does not read), or reading it would pass a {@link Hdf5Limits limit}.
 */
public final class MalformedHdf5Exception extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why reading stopped. */
  public enum Reason {
    /** No HDF5 signature, or a structure that does not parse. */
    MALFORMED,
    /** A {@link Hdf5Limits} bound was reached. */
    LIMIT_EXCEEDED
  }

  private final Reason reason;

  /** Creates the exception. */
  public MalformedHdf5Exception(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Creates the exception with the jhdf failure that caused it. */
  public MalformedHdf5Exception(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why reading stopped. */
  public Reason reason() {
    return reason;
  }

  /** What failed and what was expected; never null. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }
}
