/**
 * A hardened zip reader that sees an archive the way PyTorch's miniz-based reader (and CPython's
 * {@code zipfile}) do: the central directory is the truth, local headers only locate the data.
 * Everything a different reader would see differently (local headers that disagree, entries only a
 * streaming unzipper finds, duplicate names, bad CRCs) is reported as a {@link ZipAnomaly} rather
 * than hidden. {@link ZipReader} is total and bounded by {@link ZipLimits}; it never uses {@code
 * java.util.zip.ZipFile}, which reads differently from the loaders custody guards.
 */
@NullMarked
package dev.custody.format.zip;

import org.jspecify.annotations.NullMarked;
