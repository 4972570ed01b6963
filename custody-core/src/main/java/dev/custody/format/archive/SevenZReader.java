package dev.custody.format.archive;

import dev.custody.internal.Untrusted;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.jspecify.annotations.Nullable;

/**
 * Reads 7z archives with commons-compress, within {@link ArchiveLimits} and the file's {@link
 * ArchiveBudget}: declared sizes are checked before anything is expanded, every member is expanded
 * through the same ratio and byte limits as a compressed stream, and the decoders' memory is
 * capped. Unix modes stored by p7zip (attribute bit 0x8000, mode in the high 16 bits) make
 * symlinks, devices and FIFOs visible; a symlink's target is its content. Encrypted archives are
 * reported as unsupported, never skipped silently.
 */
public final class SevenZReader {
  private static final byte[] MAGIC = {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c};
  private static final int UNIX_EXTENSION = 0x8000;
  private static final int S_IFMT = 0170000;

  private SevenZReader() {}

  /** True when {@code data} opens with the 7z signature. */
  public static boolean recognizes(ByteBuffer data) {
    ByteBuffer b = data.slice();
    if (b.remaining() < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (b.get(i) != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** Reads every member of the 7z archive in {@code data} (position to limit). */
  public static ArchiveListing read(ByteBuffer data, ArchiveBudget budget) {
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    List<ArchiveEntry> entries = new ArrayList<>();
    ArchiveProblem problem = null;
    try (SevenZFile archive =
        SevenZFile.builder()
            .setByteArray(bytes)
            .setMaxMemoryLimitKiB(Decompressor.CODEC_MEMORY_KIB)
            .setTryToRecoverBrokenArchives(false)
            .get()) {
      problem = readEntries(archive, bytes.length, budget, entries);
    } catch (IOException | RuntimeException e) {
      // commons-compress reports corrupt headers and streams with IOException and, for some
      // inputs, runtime exceptions; a password-protected archive is an IOException too.
      problem = failure(e);
    }
    return new ArchiveListing("7z", entries, problem);
  }

  private static @Nullable ArchiveProblem readEntries(
      SevenZFile archive, long archiveSize, ArchiveBudget budget, List<ArchiveEntry> entries)
      throws IOException {
    ArchiveLimits limits = budget.limits();
    int index = 0;
    for (SevenZArchiveEntry entry = archive.getNextEntry();
        entry != null;
        entry = archive.getNextEntry()) {
      if (index >= limits.maxEntries()) {
        return new ArchiveProblem(
            ArchiveProblem.Kind.LIMIT,
            0,
            "the archive has more than " + limits.maxEntries() + " members; reading stopped");
      }
      String name = entry.getName() == null ? "" : entry.getName();
      if (name.getBytes(StandardCharsets.UTF_8).length > limits.maxNameLength()) {
        return new ArchiveProblem(
            ArchiveProblem.Kind.LIMIT,
            0,
            "a member name is longer than " + limits.maxNameLength() + " bytes; reading stopped");
      }
      long declared = entry.getSize();
      ArchiveEntry.Kind kind = kind(entry);
      if (kind == ArchiveEntry.Kind.DIRECTORY || !entry.hasStream()) {
        entries.add(
            new ArchiveEntry(name, kind, "", 0, index, false, ByteBuffer.allocate(0), true));
        index++;
        continue;
      }
      if (declared > limits.maxStreamBytes() || declared < 0) {
        return new ArchiveProblem(
            ArchiveProblem.Kind.LIMIT,
            0,
            "member "
                + Untrusted.quote(name)
                + " declares "
                + declared
                + " bytes, past the per-stream limit of "
                + limits.maxStreamBytes()
                + " (ArchiveLimits.maxStreamBytes); reading stopped and the rest is not scanned."
                + " Unpack it and scan the result");
      }
      Decompressor.Expansion out = new Decompressor.Expansion(budget, archiveSize);
      ArchiveProblem problem = out.drain(new EntryStream(archive));
      out.settle();
      ByteBuffer content = out.bytes();
      String link = "";
      if (kind == ArchiveEntry.Kind.SYMLINK) {
        link = StandardCharsets.UTF_8.decode(content.duplicate()).toString();
        content = ByteBuffer.allocate(0);
      } else if (kind != ArchiveEntry.Kind.FILE) {
        content = ByteBuffer.allocate(0);
      }
      entries.add(
          new ArchiveEntry(name, kind, link, declared, index, false, content, problem == null));
      index++;
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static ArchiveEntry.Kind kind(SevenZArchiveEntry entry) {
    if (entry.isDirectory()) {
      return ArchiveEntry.Kind.DIRECTORY;
    }
    if (entry.isAntiItem()) {
      return ArchiveEntry.Kind.OTHER;
    }
    if (entry.getHasWindowsAttributes() && (entry.getWindowsAttributes() & UNIX_EXTENSION) != 0) {
      int mode = (entry.getWindowsAttributes() >>> 16) & S_IFMT;
      return switch (mode) {
        case 0120000 -> ArchiveEntry.Kind.SYMLINK;
        case 0020000, 0060000 -> ArchiveEntry.Kind.DEVICE;
        case 0010000 -> ArchiveEntry.Kind.FIFO;
        case 0040000 -> ArchiveEntry.Kind.DIRECTORY;
        default -> ArchiveEntry.Kind.FILE;
      };
    }
    return ArchiveEntry.Kind.FILE;
  }

  private static ArchiveProblem failure(Exception e) {
    String message = Untrusted.escape(String.valueOf(e.getMessage()));
    if (e.getClass().getSimpleName().equals("PasswordRequiredException")) {
      return new ArchiveProblem(
          ArchiveProblem.Kind.UNSUPPORTED,
          0,
          "the 7z archive is encrypted (" + message + "); its members cannot be scanned");
    }
    return new ArchiveProblem(
        ArchiveProblem.Kind.MALFORMED,
        0,
        "the 7z archive is corrupt or truncated (" + message + "); reading stopped");
  }

  /** The current 7z entry's bytes as a stream. */
  private static final class EntryStream extends InputStream {
    private final SevenZFile archive;

    EntryStream(SevenZFile archive) {
      this.archive = archive;
    }

    @Override
    public int read() throws IOException {
      return archive.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return archive.read(buffer, offset, length);
    }
  }
}
