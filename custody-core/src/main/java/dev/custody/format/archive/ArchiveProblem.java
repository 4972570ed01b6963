package dev.custody.format.archive;

/**
 * Why an archive or stream was not read to its end. Whatever was read before the problem is still
 * reported.
 *
 * @param kind what went wrong
 * @param offset byte offset in the input where it went wrong, or 0 when unknown
 * @param message what failed, what was expected, what to do; untrusted text already escaped
 */
public record ArchiveProblem(Kind kind, long offset, String message) {

  /** The kinds of problem. */
  public enum Kind {
    /** The bytes are not a valid archive or stream of the format, or end early. */
    MALFORMED,
    /** The stream expands past the ratio limit: a decompression bomb. */
    BOMB,
    /** The file's total decompressed-byte budget, or the entry or name limit, was reached. */
    LIMIT,
    /** A feature custody cannot read without a secret or a codec it lacks (encryption, lz4). */
    UNSUPPORTED
  }

  /** Checks the offset. */
  public ArchiveProblem {
    if (offset < 0) {
      throw new IllegalArgumentException("offset is never negative, got " + offset);
    }
  }
}
