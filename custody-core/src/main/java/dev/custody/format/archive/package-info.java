/**
 * Hardened readers for archives (tar, 7z) and compressed streams (gzip, zlib, bzip2, xz, lzma,
 * zstd). Every reader works on bytes already in memory, is total (any input gives a result that
 * says whether it is complete, never an unexpected exception) and bounded by {@link ArchiveLimits}
 * and a per-file {@link ArchiveBudget}: decompressed bytes per stream and in total, compression
 * ratio, entries, name length and nesting depth. Readers report what they found; {@code
 * dev.custody.scan} judges it.
 */
@NullMarked
package dev.custody.format.archive;

import org.jspecify.annotations.NullMarked;
