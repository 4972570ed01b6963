package dev.custody.digest;

/**
 * Hears how far digesting has got, e.g. to draw a progress bar. Methods are called from several
 * hashing threads at once, so implementations must be thread-safe, and should be quick.
 */
public interface DigestListener {
  /** A listener that ignores everything. */
  DigestListener NONE = new DigestListener() {};

  /** The walk is done: {@code resources} resources over {@code totalBytes} bytes will be hashed. */
  default void planned(int resources, long totalBytes) {}

  /** {@code bytes} more bytes have been hashed. */
  default void hashed(long bytes) {}
}
