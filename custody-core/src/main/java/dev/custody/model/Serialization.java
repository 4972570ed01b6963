package dev.custody.model;

import java.util.List;

/**
 * How a model's bytes were cut into manifest resources, as OMS records it in the signed predicate.
 * Both kinds share the hash, the symlink setting and the ignored paths.
 */
public sealed interface Serialization
    permits Serialization.FileSerialization, Serialization.ShardSerialization {

  /** The content hash of every resource. */
  HashAlgorithm hash();

  /** Whether symlinked files were followed (hashed as their target's content). */
  boolean allowSymlinks();

  /** Paths left out of the manifest, sorted; each covers itself and everything below it. */
  List<ModelPath> ignorePaths();

  /** {@code "files"} or {@code "shards"}, as the predicate's {@code method} field. */
  String method();

  /**
   * The {@code algorithm} each resource records: the hash name for files, {@code
   * <hash>-sharded-<shard size>} for shards.
   */
  String resourceAlgorithm();

  /**
   * One resource per file, the digest of its whole content.
   *
   * @param hash the content hash
   * @param allowSymlinks whether symlinked files were followed
   * @param ignorePaths paths left out of the manifest
   */
  record FileSerialization(HashAlgorithm hash, boolean allowSymlinks, List<ModelPath> ignorePaths)
      implements Serialization {
    /** Sorts and copies the ignored paths. */
    public FileSerialization {
      ignorePaths = List.copyOf(ignorePaths.stream().sorted().distinct().toList());
    }

    @Override
    public String method() {
      return "files";
    }

    @Override
    public String resourceAlgorithm() {
      return hash.omsName();
    }
  }

  /**
   * One resource per {@code shardSize} bytes of each file (the last shard may be shorter); empty
   * files produce no resource.
   *
   * @param hash the content hash; never BLAKE3 (see the constructor)
   * @param shardSize bytes per shard, at least 1
   * @param allowSymlinks whether symlinked files were followed
   * @param ignorePaths paths left out of the manifest
   */
  record ShardSerialization(
      HashAlgorithm hash, long shardSize, boolean allowSymlinks, List<ModelPath> ignorePaths)
      implements Serialization {
    /** Largest shard size accepted: far above any use, low enough to stay exact as a double. */
    public static final long MAX_SHARD_SIZE = 1L << 50;

    /**
     * Checks the shard size and refuses BLAKE3: the reference implementation silently switches
     * BLAKE3 to file serialization, so a BLAKE3 shard manifest could never be verified by it.
     */
    public ShardSerialization {
      if (shardSize < 1 || shardSize > MAX_SHARD_SIZE) {
        throw new IllegalArgumentException(
            "shard size "
                + shardSize
                + " is out of range (expected 1 to "
                + MAX_SHARD_SIZE
                + " bytes; the reference default is 1000000000)");
      }
      if (hash == HashAlgorithm.BLAKE3) {
        throw new IllegalArgumentException(
            "blake3 cannot be combined with shard serialization: OMS v1.0 implementations hash"
                + " blake3 models as whole files, so such a manifest could not be verified"
                + " elsewhere; use sha256 or blake2b with shards, or blake3 without a shard size");
      }
      ignorePaths = List.copyOf(ignorePaths.stream().sorted().distinct().toList());
    }

    @Override
    public String method() {
      return "shards";
    }

    @Override
    public String resourceAlgorithm() {
      return hash.omsName() + "-sharded-" + shardSize;
    }
  }
}
