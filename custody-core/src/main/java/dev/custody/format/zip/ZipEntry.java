package dev.custody.format.zip;

/**
 * One member as the central directory describes it (or, for {@link #localOnly()} entries, as a
 * local header that no central-directory entry points at describes it).
 *
 * @param index position in the central directory, from 0; local-only entries follow the others
 * @param name the member name, UTF-8 if flag bit 11 is set, else ISO-8859-1 (ASCII is what matters
 *     for routing; CP437's upper half is shown as Latin-1)
 * @param flags general-purpose bit flags
 * @param method compression method (0 stored, 8 deflate, others are not read)
 * @param crc32 CRC-32 the directory declares
 * @param compressedSize bytes of data in the archive
 * @param uncompressedSize bytes the member declares once inflated
 * @param localHeaderOffset where its local header starts
 * @param dataOffset where its data starts (local header + 30 + local name and extra lengths), or -1
 *     when the local header is missing or broken
 * @param externalAttributes host attributes (Unix mode in the high 16 bits)
 * @param madeBy the "version made by" field (high byte = host system, 3 = Unix)
 * @param localOnly true for an entry found only by walking local headers
 */
public record ZipEntry(
    int index,
    String name,
    int flags,
    int method,
    long crc32,
    long compressedSize,
    long uncompressedSize,
    long localHeaderOffset,
    long dataOffset,
    long externalAttributes,
    int madeBy,
    boolean localOnly) {

  /** General-purpose flag bits that mean the data is encrypted or patched (0, 5, 6, 13). */
  public static final int ENCRYPTION_FLAGS = 0x0001 | 0x0020 | 0x0040 | 0x2000;

  /** True when a flag bit says the data is encrypted, patched or strongly encrypted. */
  public boolean encrypted() {
    return (flags & ENCRYPTION_FLAGS) != 0;
  }

  /** True when a Unix host wrote it with the symbolic-link file type. */
  public boolean symlink() {
    return (madeBy >>> 8) == 3 && ((externalAttributes >>> 16) & 0xF000) == 0xA000;
  }

  /** True for a directory entry (name ends with a slash). */
  public boolean directory() {
    return name.endsWith("/");
  }
}
