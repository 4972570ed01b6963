package dev.custody.format.huggingface;

/** A model card or model config is malformed or beyond its limits; the message says where. */
public final class MalformedMetadataException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure explained by {@code message}. */
  public MalformedMetadataException(String message) {
    super(message);
  }

  /** A failure explained by {@code message}, found through {@code cause}. */
  public MalformedMetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
