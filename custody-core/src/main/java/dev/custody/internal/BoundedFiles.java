package dev.custody.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads small files whole, refusing any larger than the caller's limit before reading them all. */
public final class BoundedFiles {
  private BoundedFiles() {}

  /** A file larger than the limit. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  /**
   * The file's bytes.
   *
   * @throws TooLargeException if it holds more than {@code maxBytes} (checked while reading, so a
   *     file that grows or lies about its size is caught too)
   */
  public static byte[] read(Path file, int maxBytes) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(maxBytes);
      if (in.read() != -1) {
        throw new TooLargeException(
            Untrusted.quote(file.toString()) + " is larger than " + maxBytes + " bytes");
      }
      return bytes;
    }
  }
}
