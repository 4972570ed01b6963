package dev.custody.digest;

import dev.custody.model.HashAlgorithm;
import dev.custody.model.ModelPath;
import dev.custody.model.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How to digest a model. Start from {@link #defaults()} (files serialization, SHA-256, git paths
 * ignored, symlinks refused, all cores) and change what you need with the {@code with...} methods.
 *
 * @param hash the content hash
 * @param shardSize bytes per shard for shard serialization, or {@code null} for files
 * @param ignorePaths model-relative paths to leave out, each with everything below it
 * @param ignoreGitPaths whether the top-level {@code .git}, {@code .gitattributes}, {@code .github}
 *     and {@code .gitignore} are left out, as the reference implementation does by default
 * @param symlinks what to do with symbolic links
 * @param maxFiles the most files a model may hold
 * @param maxDepth the deepest folder nesting a model may have
 * @param threads hashing threads, at least 1
 * @param onlyFiles if not null, the only files hashed: every other file is skipped unread (a
 *     verifier's {@code --ignore-unsigned-files}); ignored paths and limits still apply
 */
public record DigestOptions(
    HashAlgorithm hash,
    @Nullable Long shardSize,
    List<ModelPath> ignorePaths,
    boolean ignoreGitPaths,
    SymlinkPolicy symlinks,
    int maxFiles,
    int maxDepth,
    int threads,
    @Nullable Set<ModelPath> onlyFiles) {

  /**
   * The default limit on resources (files, or shards) in one model: far above real models (a few
   * thousand files), and low enough that the manifest fits the CLI's 192 MiB heap.
   */
  public static final int DEFAULT_MAX_FILES = 100_000;

  /** The most hashing threads: each holds a 256 KiB buffer, and more than cores buys nothing. */
  public static final int MAX_THREADS = 256;

  /** The default limit on folder depth. */
  public static final int DEFAULT_MAX_DEPTH = 256;

  /** The paths the reference implementation ignores at the top of every model by default. */
  public static final List<ModelPath> GIT_PATHS =
      List.of(
          new ModelPath(".git"),
          new ModelPath(".gitattributes"),
          new ModelPath(".github"),
          new ModelPath(".gitignore"));

  /** Checks the limits and builds the serialization once, so bad options fail here. */
  public DigestOptions {
    ignorePaths = List.copyOf(ignorePaths);
    onlyFiles = onlyFiles == null ? null : Set.copyOf(onlyFiles);
    atLeastOne("maxFiles", maxFiles);
    atLeastOne("maxDepth", maxDepth);
    atLeastOne("threads", threads);
    if (threads > MAX_THREADS) {
      throw new IllegalArgumentException(
          "threads must be at most "
              + MAX_THREADS
              + " (got "
              + threads
              + "); hashing is bound by cores and disks, and each thread holds a read buffer");
    }
    serialization(hash, shardSize, allIgnored(ignorePaths, ignoreGitPaths), symlinks);
  }

  private static void atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1 (got " + value + ")");
    }
  }

  /** Files serialization, SHA-256, git paths ignored, symlinks refused, one thread per core. */
  public static DigestOptions defaults() {
    return new DigestOptions(
        HashAlgorithm.SHA256,
        null,
        List.of(),
        true,
        SymlinkPolicy.REFUSE,
        DEFAULT_MAX_FILES,
        DEFAULT_MAX_DEPTH,
        Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()),
        null);
  }

  /** These options with another content hash. */
  public DigestOptions withHash(HashAlgorithm newHash) {
    return new DigestOptions(
        newHash,
        shardSize,
        ignorePaths,
        ignoreGitPaths,
        symlinks,
        maxFiles,
        maxDepth,
        threads,
        onlyFiles);
  }

  /** These options with shard serialization of {@code bytes} per shard, or files if null. */
  public DigestOptions withShardSize(@Nullable Long bytes) {
    return new DigestOptions(
        hash, bytes, ignorePaths, ignoreGitPaths, symlinks, maxFiles, maxDepth, threads, onlyFiles);
  }

  /** These options with {@code paths} ignored (replacing earlier ones). */
  public DigestOptions withIgnorePaths(List<ModelPath> paths) {
    return new DigestOptions(
        hash, shardSize, paths, ignoreGitPaths, symlinks, maxFiles, maxDepth, threads, onlyFiles);
  }

  /** These options with the default git paths ignored or not. */
  public DigestOptions withIgnoreGitPaths(boolean ignore) {
    return new DigestOptions(
        hash, shardSize, ignorePaths, ignore, symlinks, maxFiles, maxDepth, threads, onlyFiles);
  }

  /** These options with another symlink policy. */
  public DigestOptions withSymlinks(SymlinkPolicy policy) {
    return new DigestOptions(
        hash,
        shardSize,
        ignorePaths,
        ignoreGitPaths,
        policy,
        maxFiles,
        maxDepth,
        threads,
        onlyFiles);
  }

  /** These options with other limits on files and depth. */
  public DigestOptions withLimits(int newMaxFiles, int newMaxDepth) {
    return new DigestOptions(
        hash,
        shardSize,
        ignorePaths,
        ignoreGitPaths,
        symlinks,
        newMaxFiles,
        newMaxDepth,
        threads,
        onlyFiles);
  }

  /** These options with {@code count} hashing threads. */
  public DigestOptions withThreads(int count) {
    return new DigestOptions(
        hash,
        shardSize,
        ignorePaths,
        ignoreGitPaths,
        symlinks,
        maxFiles,
        maxDepth,
        count,
        onlyFiles);
  }

  /** These options hashing only {@code files} (model-relative), or every file if null. */
  public DigestOptions withOnlyFiles(@Nullable Set<ModelPath> files) {
    return new DigestOptions(
        hash, shardSize, ignorePaths, ignoreGitPaths, symlinks, maxFiles, maxDepth, threads, files);
  }

  /** Every ignored path: the user's plus, if enabled, the git paths. */
  public List<ModelPath> allIgnoredPaths() {
    return allIgnored(ignorePaths, ignoreGitPaths);
  }

  /** The serialization a manifest made with these options records. */
  public Serialization serialization() {
    return serialization(hash, shardSize, allIgnoredPaths(), symlinks);
  }

  private static List<ModelPath> allIgnored(List<ModelPath> paths, boolean git) {
    List<ModelPath> all = new ArrayList<>(paths);
    if (git) {
      all.addAll(GIT_PATHS);
    }
    return all;
  }

  private static Serialization serialization(
      HashAlgorithm hash, @Nullable Long shardSize, List<ModelPath> ignored, SymlinkPolicy links) {
    return shardSize == null
        ? new Serialization.FileSerialization(hash, links.allowsSymlinks(), ignored)
        : new Serialization.ShardSerialization(hash, shardSize, links.allowsSymlinks(), ignored);
  }
}
