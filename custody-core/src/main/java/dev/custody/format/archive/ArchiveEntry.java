package dev.custody.format.archive;

import java.nio.ByteBuffer;

/**
 * One member of an archive as its header describes it, with its content when it is a regular file.
 *
 * @param name the member name exactly as the archive gives it (pax and GNU long names applied)
 * @param kind what the member is
 * @param linkTarget the link target for links, else empty
 * @param size the declared content size in bytes
 * @param offset byte offset of the member's header in the archive
 * @param afterEnd true when the member follows the archive's end marker (hidden from readers that
 *     stop there, such as Python's {@code tarfile}, read by GNU {@code tar --ignore-zeros})
 * @param content the member's bytes for regular files (read-only), else empty
 * @param contentComplete false when the content was cut short by the input's end or a limit
 */
public record ArchiveEntry(
    String name,
    Kind kind,
    String linkTarget,
    long size,
    long offset,
    boolean afterEnd,
    ByteBuffer content,
    boolean contentComplete) {

  /** What a member is. */
  public enum Kind {
    /** A regular file (tar types 0, NUL, 7 and GNU sparse). */
    FILE,
    /** A directory. */
    DIRECTORY,
    /** A symbolic link to {@link #linkTarget()}. */
    SYMLINK,
    /** A hard link to another member, {@link #linkTarget()}. */
    HARDLINK,
    /** A character or block device node. */
    DEVICE,
    /** A named pipe. */
    FIFO,
    /** Anything else (tar volume labels, multi-volume continuations ...). */
    OTHER
  }

  /** Makes the content read-only. */
  public ArchiveEntry {
    content = content.asReadOnlyBuffer();
  }

  /** The content from its start (a fresh view each call). */
  @Override
  public ByteBuffer content() {
    return content.duplicate();
  }
}
