package dev.custody.evidence;

/** An evidence document is not valid JSON of the evidence schema; the message says where. */
public final class MalformedEvidenceException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure explained by {@code message}. */
  public MalformedEvidenceException(String message) {
    super(message);
  }

  /** A failure explained by {@code message}, caused by {@code cause}. */
  public MalformedEvidenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
