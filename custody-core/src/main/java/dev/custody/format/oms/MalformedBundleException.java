package dev.custody.format.oms;

/**
 * A signature file is not a well-formed OMS bundle or statement. The message names the field (as a
 * JSON pointer such as {@code /dsseEnvelope/signatures/0/sig}), what was found and what was
 * expected.
 */
public final class MalformedBundleException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A malformed bundle, explained by {@code message}. */
  public MalformedBundleException(String message) {
    super(message);
  }

  /** A malformed bundle, explained by {@code message}, found through {@code cause}. */
  public MalformedBundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
