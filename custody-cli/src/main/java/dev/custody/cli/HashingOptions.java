package dev.custody.cli;

import dev.custody.digest.DigestOptions;
import dev.custody.digest.SymlinkPolicy;
import dev.custody.model.HashAlgorithm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options that say how a model is hashed, shared by {@code digest} and {@code sign}. */
final class HashingOptions {
  @Option(
      names = "--hash",
      paramLabel = "ALGORITHM",
      description = "Content hash: sha256 (default), blake2b or blake3.",
      converter = HashAlgorithmConverter.class)
  HashAlgorithm hash = HashAlgorithm.SHA256;

  @Option(
      names = "--shard-size",
      paramLabel = "BYTES",
      description =
          "Use shard serialization: hash files in pieces of this many bytes (e.g. 1000000000,"
              + " 1GB, 512MiB). Not with blake3.",
      converter = ByteSizeConverter.class)
  @Nullable Long shardSize;

  @Option(
      names = "--ignore-path",
      paramLabel = "PATH",
      description =
          "Leave out this file or folder (relative to the current folder, or absolute; it must"
              + " be inside MODEL). Repeatable.")
  List<String> ignorePaths = new ArrayList<>();

  @Option(
      names = "--no-ignore-git-paths",
      description = "Include the top-level .git, .gitattributes, .github and .gitignore.")
  boolean includeGitPaths;

  @Option(
      names = "--allow-symlinks",
      description =
          "Hash a symlinked file's target content under the link's name (links must stay"
              + " inside MODEL).")
  boolean allowSymlinks;

  @Option(
      names = "--allow-external-symlinks",
      description =
          "Also follow symlinks that leave MODEL. Insecure: the digest then covers files"
              + " outside the model. Implies --allow-symlinks.")
  boolean allowExternalSymlinks;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Hashing threads (default: one per core).")
  @Nullable Integer threads;

  /** The digest options these flags describe, for {@code model}; bad values are usage errors. */
  DigestOptions toDigestOptions(Path model) {
    SymlinkPolicy symlinks =
        allowExternalSymlinks
            ? SymlinkPolicy.INSECURE_FOLLOW_ANYWHERE
            : allowSymlinks ? SymlinkPolicy.FOLLOW_INSIDE_MODEL : SymlinkPolicy.REFUSE;
    try {
      DigestOptions defaults = DigestOptions.defaults();
      return defaults
          .withThreads(threads == null ? defaults.threads() : threads)
          .withHash(hash)
          .withShardSize(shardSize)
          .withIgnorePaths(IgnorePaths.resolve(model, ignorePaths))
          .withIgnoreGitPaths(!includeGitPaths)
          .withSymlinks(symlinks);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(String.valueOf(e.getMessage()));
    }
  }
}
