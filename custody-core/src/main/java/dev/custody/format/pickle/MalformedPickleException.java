package dev.custody.format.pickle;

/**
 * A pickle could not be read to its end: the bytes are not a pickle the C unpickler would finish,
 * or reading them would pass a {@link Limits limit}. Everything read before the failure is still in
 * the {@link PickleProgram} that carries this exception. The message says what failed, what was
 * expected and what to do.
 */
public final class MalformedPickleException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why reading stopped. */
  public enum Reason {
    /** The input ended inside an opcode or before STOP. */
    TRUNCATED,
    /** A byte that no protocol defines as an opcode. */
    INVALID_OPCODE,
    /** An opcode argument the C unpickler rejects (bad length, bad text, bad protocol). */
    INVALID_ARGUMENT,
    /** An opcode needed more objects, or a mark, than the stack held. */
    STACK_UNDERFLOW,
    /** GET of a memo slot that was never PUT. */
    MEMO_MISSING,
    /** A {@link Limits} bound was reached. */
    LIMIT_EXCEEDED
  }

  private final Reason reason;
  private final long offset;

  /** Creates the exception for a failure at byte {@code offset}. */
  public MalformedPickleException(Reason reason, long offset, String message) {
    super(message);
    this.reason = reason;
    this.offset = offset;
  }

  /** Why reading stopped. */
  public Reason reason() {
    return reason;
  }

  /** Byte offset of the opcode that failed. */
  public long offset() {
    return offset;
  }

  /** What failed and what to do about it; never null. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }
}
