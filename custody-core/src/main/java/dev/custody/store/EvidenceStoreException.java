package dev.custody.store;

import org.jspecify.annotations.Nullable;

/**
 * The evidence store could not do what was asked: the evidence is not a signature or attestation
 * custody reads, or the store cannot be read or written. The message says what and what to do.
 */
public final class EvidenceStoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure explained by {@code message}. */
  public EvidenceStoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
