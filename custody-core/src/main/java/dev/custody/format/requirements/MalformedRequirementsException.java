package dev.custody.format.requirements;

/** A requirements file has lines that are not requirements, or is beyond its limits. */
public final class MalformedRequirementsException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure explained by {@code message}. */
  public MalformedRequirementsException(String message) {
    super(message);
  }

  /** A failure explained by {@code message}, found through {@code cause}. */
  public MalformedRequirementsException(String message, Throwable cause) {
    super(message, cause);
  }
}
