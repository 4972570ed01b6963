package dev.custody.digest;

import dev.custody.model.Digest;
import dev.custody.model.Manifest;
import dev.custody.model.Resource;
import dev.custody.model.Serialization;
import dev.custody.model.ShardRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the OpenSSF Model Signing manifest of a model folder or single model file, byte for byte
 * as the reference implementation ({@code model_signing} 1.1) does: the same walk, names, order,
 * shards and digests, so the root digest is the same. Where the reference would silently skip
 * something it cannot vouch for (a link to a folder), this refuses with a message instead.
 *
 * <pre>{@code
 * Manifest manifest = new ModelDigester(DigestOptions.defaults()).digest(Path.of("my-model"));
 * Digest root = manifest.rootDigest();   // sha256:..., as `model_signing digest` prints
 * }</pre>
 *
 * <p>Instances are immutable and may be shared; each call uses its own threads.
 */
public final class ModelDigester {
  private final DigestOptions options;
  private final FileOpener opener;

  /** A digester with these options. */
  public ModelDigester(DigestOptions options) {
    this(options, FileOpener.DEFAULT);
  }

  ModelDigester(DigestOptions options, FileOpener opener) {
    this.options = options;
    this.opener = opener;
  }

  /** Digests the model at {@code model}. */
  public Manifest digest(Path model) throws DigestException {
    return digest(model, DigestListener.NONE);
  }

  /**
   * Digests the model at {@code model}, telling {@code listener} how far it has got.
   *
   * @throws DigestException if the model does not exist, cannot be read, holds something refused (a
   *     symlink by default, a special file), exceeds a limit, or changes while being hashed
   */
  public Manifest digest(Path model, DigestListener listener) throws DigestException {
    Serialization serialization = options.serialization();
    List<HashTask> tasks =
        plan(ModelWalker.walk(model, options), serialization, options.maxFiles());
    long totalBytes = 0;
    for (HashTask task : tasks) {
      totalBytes += task.plannedBytes();
    }
    listener.planned(tasks.size(), totalBytes);
    Digest[] digests =
        new ParallelHasher(serialization.hash(), options.threads(), opener, listener)
            .hashAll(tasks);
    List<Resource> resources = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      HashTask task = tasks.get(i);
      resources.add(new Resource(task.file().path(), task.range(), digests[i]));
    }
    return new Manifest(modelName(model), serialization, resources);
  }

  /** Tasks in manifest order: files are sorted, and a file's shards are made in order. */
  private static List<HashTask> plan(
      List<ModelFile> files, Serialization serialization, int maxResources) throws DigestException {
    if (serialization instanceof Serialization.ShardSerialization shards) {
      checkShardCount(files, shards.shardSize(), maxResources);
    }
    List<HashTask> tasks = new ArrayList<>(files.size());
    for (ModelFile file : files) {
      switch (serialization) {
        case Serialization.FileSerialization whole -> tasks.add(new HashTask(file, null));
        case Serialization.ShardSerialization shards -> {
          // Empty files have no shards, hence no resource (as in the reference implementation).
          for (long start = 0; start < file.size(); start += shards.shardSize()) {
            long end = Math.min(file.size(), start + shards.shardSize());
            tasks.add(new HashTask(file, new ShardRange(start, end)));
          }
        }
      }
    }
    return tasks;
  }

  private static void checkShardCount(List<ModelFile> files, long shardSize, int maxResources)
      throws DigestException {
    long shards = 0;
    for (ModelFile file : files) {
      shards += file.size() / shardSize + (file.size() % shardSize == 0 ? 0 : 1);
      if (shards > maxResources) {
        throw new DigestException(
            DigestException.Reason.LIMIT_EXCEEDED,
            "shard size "
                + shardSize
                + " would cut this model into more than "
                + maxResources
                + " shards; use a larger --shard-size (the reference default is 1000000000)");
      }
    }
  }

  /** The model's folder or file name, as the reference records it in the subject. */
  static String modelName(Path model) {
    Path name = model.getFileName();
    String text = name == null ? "" : name.toString();
    if (text.isEmpty() || text.equals(".") || text.equals("..")) {
      Path absolute = model.toAbsolutePath().normalize().getFileName();
      text = absolute == null ? "" : absolute.toString();
    }
    return text;
  }
}
