package dev.custody.cli;

import dev.custody.digest.DigestListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/**
 * Draws a progress bar on stderr for long digests. Nothing is drawn when stderr is not a terminal,
 * or when the work is small enough to finish before a bar would help.
 */
final class ProgressListener implements DigestListener, AutoCloseable {
  /** Below this, hashing takes well under a second here: no bar. */
  static final long MIN_BYTES_FOR_BAR = 256L << 20;

  private final @Nullable PrintStream stream;
  private final String task;
  private volatile @Nullable ProgressBar bar;

  ProgressListener(Terminal terminal, String task) {
    this.stream = terminal.progressStream();
    this.task = task;
  }

  @Override
  public void planned(int resources, long totalBytes) {
    PrintStream target = stream;
    if (target == null || totalBytes < MIN_BYTES_FOR_BAR) {
      return;
    }
    bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(totalBytes)
            .setUnit(" MiB", 1L << 20)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(target))
            .setUpdateIntervalMillis(200)
            .clearDisplayOnFinish()
            .showSpeed()
            .build();
  }

  @Override
  public void hashed(long bytes) {
    ProgressBar current = bar;
    if (current != null) {
      current.stepBy(bytes);
    }
  }

  @Override
  public void close() {
    ProgressBar current = bar;
    if (current != null) {
      current.close();
    }
  }
}
