package dev.custody.digest;

import dev.custody.model.Manifest;
import dev.custody.model.ModelPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Digests a model at most once per way of hashing it. Gathering evidence verifies signatures (each
 * hashes the model the way it was signed) and records the model's own digest; when they ask for the
 * same hash, serialization and paths (the usual case: a model signed with the defaults) the second
 * request is answered from the first. Options that differ only in thread count or in the order of
 * their ignored paths are the same request.
 *
 * <p>Not thread-safe: one cache belongs to one gathering.
 */
public final class ManifestCache {
  private record Key(Path model, DigestOptions options) {}

  private final Map<Key, Manifest> manifests = new HashMap<>();
  private int digests;

  /**
   * The manifest of {@code model} made with {@code options}, hashing only if no equal request was
   * answered before.
   *
   * @throws DigestException as {@link ModelDigester#digest(Path)} does
   */
  public Manifest digest(Path model, DigestOptions options) throws DigestException {
    Key key = new Key(model.toAbsolutePath().normalize(), normalized(options));
    Manifest cached = manifests.get(key);
    if (cached != null) {
      return cached;
    }
    Manifest manifest = new ModelDigester(options).digest(model);
    digests++;
    manifests.put(key, manifest);
    return manifest;
  }

  /** How many times the model was actually hashed. */
  public int digests() {
    return digests;
  }

  private static DigestOptions normalized(DigestOptions options) {
    List<ModelPath> ignored = new ArrayList<>(new TreeSet<>(options.allIgnoredPaths()));
    return options.withIgnoreGitPaths(false).withIgnorePaths(ignored).withThreads(1);
  }
}
