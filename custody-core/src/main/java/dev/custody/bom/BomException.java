package dev.custody.bom;

/**
 * A BOM could not be produced. The inputs are already-validated values, so this means custody built
 * a BOM its schema refuses: a bug, reported instead of writing an invalid document.
 */
public final class BomException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure explained by {@code message}. */
  public BomException(String message) {
    super(message);
  }

  /** A failure explained by {@code message}, found through {@code cause}. */
  public BomException(String message, Throwable cause) {
    super(message, cause);
  }
}
