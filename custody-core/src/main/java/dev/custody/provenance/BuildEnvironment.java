package dev.custody.provenance;

import dev.custody.internal.Untrusted;
import dev.custody.model.HashAlgorithm;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code internalParameters} of a training run: facts the recorder set or read rather than the
 * person who started the run.
 *
 * @param digestHash the content hash behind every root digest in the statement
 * @param digestMethod {@code files} or {@code shards}, the OMS serialization of those digests
 * @param shardSize the shard size in bytes, for {@code shards}
 * @param modelConfig string fields read from the model's own config.json ({@code model_type},
 *     {@code torch_dtype}, {@code transformers_version}...), exactly as found; never guessed
 */
public record BuildEnvironment(
    HashAlgorithm digestHash,
    String digestMethod,
    @Nullable Long shardSize,
    SortedMap<String, String> modelConfig) {
  private static final Pattern CONFIG_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  /** Checks the method and copies the config. */
  public BuildEnvironment {
    switch (digestMethod) {
      case "files" -> {
        if (shardSize != null) {
          throw new IllegalArgumentException("files serialization has no shard size");
        }
      }
      case "shards" -> {
        if (shardSize == null || shardSize < 1) {
          throw new IllegalArgumentException("shards serialization needs a positive shard size");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "digest method " + Untrusted.quote(digestMethod) + " is not files or shards");
    }
    if (modelConfig.size() > ResourceDescriptor.MAX_ENTRIES) {
      throw new IllegalArgumentException("too many model config fields");
    }
    for (var entry : modelConfig.entrySet()) {
      if (!CONFIG_KEY.matcher(entry.getKey()).matches()) {
        throw new IllegalArgumentException(
            "model config field " + Untrusted.quote(entry.getKey()) + " is not a plain name");
      }
      Checks.text(entry.getValue(), "model config field " + entry.getKey());
    }
    modelConfig = Collections.unmodifiableSortedMap(new TreeMap<>(modelConfig));
  }

  /** SHA-256 files digests (the default) and no model config. */
  public static BuildEnvironment defaults() {
    return new BuildEnvironment(HashAlgorithm.SHA256, "files", null, new TreeMap<>());
  }
}
