package dev.custody.format.zip;

import java.nio.ByteBuffer;

/** What {@link ZipArchive#open(ZipEntry)} got out of a member. */
public sealed interface MemberData {

  /**
   * The member's bytes as a central-directory reader extracts them.
   *
   * @param bytes read-only; a slice of the archive for stored members
   * @param crcMatches false when the bytes' CRC-32 differs from the declared one (miniz and torch
   *     ignore that, CPython raises)
   * @param sizeMatches false when the length differs from the declared uncompressed size
   */
  record Contents(ByteBuffer bytes, boolean crcMatches, boolean sizeMatches)
      implements MemberData {}

  /**
   * The member could not be extracted.
   *
   * @param problem why
   * @param message what failed and what to do
   */
  record Unreadable(Problem problem, String message) implements MemberData {}

  /** Why a member could not be extracted. */
  enum Problem {
    /** Encryption flag bits are set; custody has no password and reads nothing. */
    ENCRYPTED,
    /** A compression method other than stored or deflate. */
    UNSUPPORTED_METHOD,
    /** No valid local header at the offset the directory gives. */
    BAD_LOCAL_HEADER,
    /** The data runs past the end of the file. */
    OUT_OF_RANGE,
    /** The deflate stream is corrupt or ends early. */
    CORRUPT_DATA,
    /** Inflating would pass a {@link ZipLimits} budget or the ratio limit. */
    LIMIT_EXCEEDED
  }
}
