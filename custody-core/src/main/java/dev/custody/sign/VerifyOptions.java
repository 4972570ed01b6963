package dev.custody.sign;

import dev.custody.digest.DigestOptions;
import dev.custody.model.ModelPath;
import java.util.List;

/**
 * How to compare a model with its signature. The serialization (hash, shards, ignored paths) always
 * comes from the signature; these options only add to it.
 *
 * @param ignorePaths further model-relative paths to leave out, each with everything below it
 * @param insecureIgnoreUnsignedFiles hash only the files the signature lists, so that files added
 *     after signing (a README, a cache folder) do not fail verification; a signed file that is
 *     missing or changed still fails. Insecure: a file nobody signed (a new {@code .pkl} a loader
 *     will pick up) then passes unseen
 * @param threads hashing threads, 1 to {@link DigestOptions#MAX_THREADS}
 */
public record VerifyOptions(
    List<ModelPath> ignorePaths, boolean insecureIgnoreUnsignedFiles, int threads) {
  /** Copies the paths and checks the thread count. */
  public VerifyOptions {
    ignorePaths = List.copyOf(ignorePaths);
    if (threads < 1 || threads > DigestOptions.MAX_THREADS) {
      throw new IllegalArgumentException(
          "threads must be 1 to " + DigestOptions.MAX_THREADS + " (got " + threads + ")");
    }
  }

  /** Strict: nothing more ignored, every file on disk must be signed, one thread per core. */
  public static VerifyOptions defaults() {
    return new VerifyOptions(List.of(), false, DigestOptions.defaults().threads());
  }

  /** These options with {@code paths} ignored as well. */
  public VerifyOptions withIgnorePaths(List<ModelPath> paths) {
    return new VerifyOptions(paths, insecureIgnoreUnsignedFiles, threads);
  }

  /**
   * These options with unsigned files skipped (insecure, see the record's documentation) or not.
   */
  public VerifyOptions withInsecureIgnoreUnsignedFiles(boolean ignore) {
    return new VerifyOptions(ignorePaths, ignore, threads);
  }

  /** These options with {@code count} hashing threads. */
  public VerifyOptions withThreads(int count) {
    return new VerifyOptions(ignorePaths, insecureIgnoreUnsignedFiles, count);
  }
}
