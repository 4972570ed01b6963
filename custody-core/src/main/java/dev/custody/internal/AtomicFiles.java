package dev.custody.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that a reader never sees half of it: the bytes go to a temporary file in the
 * same folder, which is then moved over the target in one step.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target}, replacing it. The file is readable by everyone, like
   * the signatures and attestations it holds (temporary files start private).
   *
   * @throws IOException if the folder is missing or not writable, or the move fails
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    if (folder == null) {
      throw new IOException(Untrusted.quote(target.toString()) + " is not a file path");
    }
    Path temporary = Files.createTempFile(folder, ".custody-", ".tmp");
    try {
      Files.write(temporary, bytes);
      if (Files.getFileStore(temporary).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(
          temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
