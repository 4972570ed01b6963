package dev.custody.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Files of many gigabytes that cost no disk: only the bytes written are stored, the rest is a hole
 * that reads as zeros. For tests of files larger than one buffer (2 GiB) or than ZIP's 4 GiB
 * fields. Tests call {@link #assumeSparse} first, so they skip, with a message, where the file
 * system would write every zero.
 */
public final class SparseFiles {
  /** File systems that store a hole without allocating it. */
  private static final Set<String> SPARSE =
      Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "zfs", "f2fs", "overlay", "apfs");

  private SparseFiles() {}

  /** Skips the calling test unless files under {@code dir} can be sparse. */
  public static void assumeSparse(Path dir) {
    String type = fileSystemType(dir);
    Assumptions.assumeTrue(
        SPARSE.contains(type),
        "skipped: the file system at "
            + dir
            + " is '"
            + type
            + "', which may not make sparse files; a multi-gigabyte fixture would cost real disk."
            + " Point java.io.tmpdir at ext4, xfs, btrfs or tmpfs to run it");
  }

  /** Writes {@code head} at the start of a new file of {@code length} bytes (the rest a hole). */
  public static Path create(Path file, byte[] head, long length) {
    if (length < head.length) {
      throw new IllegalArgumentException("the file is shorter than its first bytes");
    }
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.SPARSE)) {
      writeFully(channel, 0, head);
      if (channel.size() < length) {
        // One byte at the end sets the length; everything between stays a hole.
        writeFully(channel, length - 1, new byte[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  static void writeFully(FileChannel channel, long at, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long position = at;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }

  private static String fileSystemType(Path dir) {
    try {
      return Files.getFileStore(dir).type().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
