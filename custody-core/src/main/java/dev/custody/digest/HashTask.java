package dev.custody.digest;

import dev.custody.model.ShardRange;
import org.jspecify.annotations.Nullable;

/** One resource to hash: a whole file ({@code range == null}) or one shard of it. */
record HashTask(ModelFile file, @Nullable ShardRange range) {

  /** Bytes this task will read, as planned from the walk. */
  long plannedBytes() {
    ShardRange shard = range;
    return shard == null ? file.size() : shard.length();
  }
}
