package dev.custody.model;

import java.util.Comparator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a manifest: a whole file, or one shard of a file, and its digest.
 *
 * @param path the file, relative to the model root
 * @param shard the byte range, or {@code null} when the entry is the whole file
 * @param digest the digest of those bytes
 */
public record Resource(ModelPath path, @Nullable ShardRange shard, Digest digest)
    implements Comparable<Resource> {
  private static final Comparator<Resource> ORDER =
      Comparator.comparing(Resource::path)
          .thenComparing(Resource::shard, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** The name OMS records: the path, or {@code path:start:end} for a shard. */
  public String name() {
    ShardRange range = shard;
    return range == null ? path.value() : path.value() + ":" + range.start() + ":" + range.end();
  }

  /** Manifest order: by path component, then by numeric shard range. */
  @Override
  public int compareTo(Resource other) {
    return ORDER.compare(this, other);
  }

  /** Whether both name the same bytes (same path and range), whatever their digests. */
  public boolean sameLocation(Resource other) {
    return path.equals(other.path) && Objects.equals(shard, other.shard);
  }
}
