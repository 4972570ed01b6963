package dev.custody.digest;

import dev.custody.digest.DigestException.Reason;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import dev.custody.model.ShardRange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Hashes a list of tasks on a fixed number of threads. Each thread owns one fixed-size buffer, so
 * memory does not grow with the model; each byte is read once. Threads take the largest remaining
 * task first, which keeps them busy together until the end. The first failure stops new tasks.
 */
final class ParallelHasher {
  /**
   * Bytes read per call: large enough to amortise the system call, small enough that what the
   * kernel copied is still in the CPU's cache when it is hashed. Measured here with
   * bench/ReadHashBench.java (docs/benchmarks.md): 256 KiB runs at the speed of {@code openssl
   * dgst}; 1 MiB is 10 to 25% slower.
   */
  static final int BUFFER_BYTES = 256 * 1024;

  private final HashAlgorithm algorithm;
  private final int threads;
  private final FileOpener opener;
  private final DigestListener listener;

  ParallelHasher(HashAlgorithm algorithm, int threads, FileOpener opener, DigestListener listener) {
    this.algorithm = algorithm;
    this.threads = threads;
    this.opener = opener;
    this.listener = listener;
  }

  /** Returns the digest of each task, in the tasks' order. */
  Digest[] hashAll(List<HashTask> tasks) throws DigestException {
    Digest[] digests = new Digest[tasks.size()];
    Integer[] largestFirst = new Integer[tasks.size()];
    Arrays.setAll(largestFirst, i -> i);
    Arrays.sort(
        largestFirst,
        Comparator.comparingLong((Integer i) -> tasks.get(i).plannedBytes()).reversed());
    AtomicInteger next = new AtomicInteger();
    AtomicReference<@Nullable DigestException> failure = new AtomicReference<>();
    Callable<@Nullable Void> worker =
        () -> {
          work(tasks, largestFirst, next, failure, digests);
          return null;
        };
    int workers = Math.min(threads, tasks.size());
    if (workers <= 1) {
      work(tasks, largestFirst, next, failure, digests);
    } else {
      runOnPool(worker, workers);
    }
    DigestException failed = failure.get();
    if (failed != null) {
      throw failed;
    }
    return digests;
  }

  private static void runOnPool(Callable<@Nullable Void> worker, int workers)
      throws DigestException {
    ExecutorService pool = Executors.newFixedThreadPool(workers, daemonThreads());
    try {
      List<Future<@Nullable Void>> running = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        running.add(pool.submit(worker));
      }
      for (Future<@Nullable Void> future : running) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DigestException(Reason.INTERRUPTED, "digesting was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a hashing thread failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Claims tasks until none are left or one has failed. */
  private void work(
      List<HashTask> tasks,
      Integer[] order,
      AtomicInteger next,
      AtomicReference<@Nullable DigestException> failure,
      Digest[] digests) {
    // Direct, so the kernel reads straight into it and nothing is copied before hashing.
    ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    while (failure.get() == null) {
      int claimed = next.getAndIncrement();
      if (claimed >= order.length) {
        return;
      }
      int index = order[claimed];
      try {
        digests[index] = hash(tasks.get(index), buffer);
      } catch (DigestException e) {
        failure.compareAndSet(null, e);
      }
    }
  }

  private Digest hash(HashTask task, ByteBuffer buffer) throws DigestException {
    ModelFile file = task.file();
    try (FileChannel channel = opener.open(file)) {
      ContentHash hash = ContentHash.start(algorithm);
      // A whole file is read one byte past its planned size: if that byte exists, the file grew.
      ShardRange range = task.range();
      long read =
          range == null
              ? readRange(channel, 0, file.size() + 1, hash, buffer)
              : readRange(channel, range.start(), range.end(), hash, buffer);
      long sizeNow = channel.size();
      if (read != task.plannedBytes() || sizeNow != file.size()) {
        throw changed(file, read, sizeNow);
      }
      return hash.finish();
    } catch (IOException e) {
      throw ModelWalker.unreadable(file.source(), e);
    }
  }

  /** Hashes bytes {@code [start, end)}, or fewer if the file ends first; returns how many. */
  private long readRange(
      FileChannel channel, long start, long end, ContentHash hash, ByteBuffer buffer)
      throws IOException {
    long position = start;
    while (position < end) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
      int n = channel.read(buffer, position);
      if (n < 0) {
        break;
      }
      hash.update(buffer.flip());
      position += n;
      listener.hashed(n);
    }
    return position - start;
  }

  private static DigestException changed(ModelFile file, long read, long sizeNow) {
    return new DigestException(
        Reason.CHANGED_WHILE_HASHING,
        Untrusted.quote(file.path().value())
            + " changed while it was being hashed (the walk saw "
            + file.size()
            + " bytes, "
            + read
            + " were read, its size is now "
            + sizeNow
            + "); digest a model that nothing is writing to, and no virtual file such as /proc");
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "custody-hash-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
