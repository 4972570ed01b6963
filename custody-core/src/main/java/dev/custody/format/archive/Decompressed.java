package dev.custody.format.archive;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The bytes a compressed stream expanded to, as far as they could be read within the limits. */
public final class Decompressed {
  private final Compression compression;
  private final ByteBuffer data;
  private final @Nullable ArchiveProblem problem;

  Decompressed(Compression compression, ByteBuffer data, @Nullable ArchiveProblem problem) {
    this.compression = compression;
    this.data = data.asReadOnlyBuffer();
    this.problem = problem;
  }

  /** The compression that was undone. */
  public Compression compression() {
    return compression;
  }

  /** The decompressed bytes (all of them when {@link #completed()}), read-only. */
  public ByteBuffer data() {
    return data.duplicate();
  }

  /** Why decompression stopped early, if it did. */
  public Optional<ArchiveProblem> problem() {
    return Optional.ofNullable(problem);
  }

  /** True when the whole stream was decompressed. */
  public boolean completed() {
    return problem == null;
  }
}
