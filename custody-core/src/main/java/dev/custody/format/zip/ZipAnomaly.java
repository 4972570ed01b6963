package dev.custody.format.zip;

import org.jspecify.annotations.Nullable;

/**
 * Something in the archive that readers disagree about, or that hides bytes from one of them.
 *
 * @param kind what it is
 * @param member the member involved, if one is
 * @param offset byte offset of the structure involved
 * @param message what was found, in words; untrusted names already escaped
 */
public record ZipAnomaly(Kind kind, @Nullable String member, long offset, String message) {

  /** The kinds of disagreement custody recognises. */
  public enum Kind {
    /** The local header's name differs from the central directory's (CVE-2025-1944). */
    LOCAL_NAME_MISMATCH,
    /** The local header's method, flags, CRC or sizes differ from the central directory's. */
    LOCAL_FIELD_MISMATCH,
    /** A central-directory entry points at no valid local header. */
    BAD_LOCAL_HEADER,
    /**
     * A member's data runs past the end of the file (a truncated download, or sizes crafted to make
     * readers disagree); found from the directory alone, without reading the data.
     */
    DATA_OUT_OF_RANGE,
    /** A local header that no central-directory entry points at (a streaming unzipper sees it). */
    LOCAL_ONLY_ENTRY,
    /** Two entries' data overlap (a quoted-overlap bomb or a member hidden inside another). */
    OVERLAPPING_ENTRIES,
    /** Two entries with the same name: readers disagree on which one they load. */
    DUPLICATE_NAME,
    /** A name with a {@code ..} component, an absolute path, a drive letter or a backslash. */
    UNSAFE_NAME,
    /** A Unix symbolic link member. */
    SYMLINK,
    /** Encryption or patched-data flag bits (CVE-2025-1945). */
    ENCRYPTED,
    /** A stored member whose compressed and uncompressed sizes differ. */
    SIZE_MISMATCH,
    /** The Info-ZIP Unicode Path extra field names the member differently. */
    UNICODE_PATH_MISMATCH,
    /** Bytes before the first entry, or a directory offset that a reader must correct. */
    PREPENDED_DATA,
    /** Bytes after the end record, or a comment length that does not reach the end. */
    TRAILING_DATA,
    /** Bytes between entries that no entry accounts for. */
    UNACCOUNTED_BYTES,
    /** The directory holds more entries than the limit; the rest were not read. */
    ENTRY_LIMIT
  }
}
