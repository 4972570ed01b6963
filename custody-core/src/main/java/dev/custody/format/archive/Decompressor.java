package dev.custody.format.archive;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.custody.internal.Untrusted;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.jspecify.annotations.Nullable;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Decompresses one stream held in memory, within the per-stream limit, the ratio limit and what is
 * left of the file's {@link ArchiveBudget}. Total: malformed input, truncation and codec failures
 * all come back as an {@link ArchiveProblem} with the bytes read so far.
 */
public final class Decompressor {
  /** Memory the xz and lzma decoders may use (dictionary), in KiB. */
  static final int CODEC_MEMORY_KIB = 256 * 1024;

  private static final int CHUNK = 64 * 1024;

  private Decompressor() {}

  /** Decompresses {@code data} (position to limit) as {@code compression}. */
  public static Decompressed decompress(
      ByteBuffer data, Compression compression, ArchiveBudget budget) {
    // Read in place: a mapped multi-GB stream is never copied onto the heap.
    Expansion out = new Expansion(budget, data.remaining());
    ArchiveProblem problem;
    try (InputStream in = open(compression, new BufferInput(data.duplicate()))) {
      problem = out.drain(in);
    } catch (IOException | RuntimeException e) {
      // Codecs signal corrupt input with IOException and, on some inputs, runtime exceptions
      // (IllegalArgumentException, IndexOutOfBounds): both mean "not a valid stream".
      problem = malformed(compression, e);
    }
    out.settle();
    return new Decompressed(compression, out.bytes(), problem);
  }

  static ArchiveProblem malformed(Compression compression, Exception e) {
    return new ArchiveProblem(
        ArchiveProblem.Kind.MALFORMED,
        0,
        "the "
            + compression.label()
            + " stream is corrupt or truncated ("
            + Untrusted.escape(String.valueOf(e.getMessage()))
            + "); the loader would fail at the same point, after reading what came before");
  }

  private static InputStream open(Compression compression, InputStream raw) throws IOException {
    return switch (compression) {
      case GZIP -> new GZIPInputStream(raw, CHUNK);
      case ZLIB -> new InflaterInputStream(raw);
      case BZIP2 -> new BZip2CompressorInputStream(raw, true);
      case XZ -> new XZInputStream(raw, CODEC_MEMORY_KIB);
      case LZMA -> new LZMAInputStream(raw, CODEC_MEMORY_KIB);
      case ZSTD -> new ZstdInputStreamNoFinalizer(raw);
    };
  }

  /**
   * Collects decompressed bytes, enforcing the limits before the memory is spent. Shared with the
   * archive readers, which expand members the same way.
   */
  static final class Expansion {
    private final ArchiveBudget budget;
    private final long compressedSize;
    private final Output out = new Output();
    private long counted;

    Expansion(ArchiveBudget budget, long compressedSize) {
      this.budget = budget;
      this.compressedSize = Math.max(1, compressedSize);
    }

    /** Reads {@code in} to its end or to a limit; returns the problem, if any. */
    @Nullable ArchiveProblem drain(InputStream in) throws IOException {
      ArchiveLimits limits = budget.limits();
      byte[] chunk = new byte[CHUNK];
      while (true) {
        int allowed = (int) Math.min(CHUNK, room());
        if (allowed == 0) {
          // One byte more tells a stream that ends exactly at the limit from one that goes on.
          if (in.read() < 0) {
            return null;
          }
          return overLimit();
        }
        int n = in.read(chunk, 0, allowed);
        if (n < 0) {
          return null;
        }
        out.write(chunk, 0, n);
        long size = out.size();
        if (size > limits.ratioFloorBytes() && size / compressedSize >= limits.maxRatio()) {
          return new ArchiveProblem(
              ArchiveProblem.Kind.BOMB,
              0,
              "the stream expanded "
                  + (size / compressedSize)
                  + " times its compressed size ("
                  + size
                  + " bytes so far), past the ratio limit of "
                  + limits.maxRatio()
                  + "; reading stopped");
        }
      }
    }

    private long room() {
      ArchiveLimits limits = budget.limits();
      long streamRoom = limits.maxStreamBytes() - out.size();
      long totalRoom = budget.remaining() - out.size();
      return Math.max(0, Math.min(streamRoom, totalRoom));
    }

    private ArchiveProblem overLimit() {
      ArchiveLimits limits = budget.limits();
      if (out.size() >= limits.maxStreamBytes()) {
        // Past the size limit at a ratio below the bomb ratio: large, not a bomb. Unscanned all
        // the same, so the scan is incomplete (fail closed).
        return new ArchiveProblem(
            ArchiveProblem.Kind.LIMIT,
            0,
            "the stream expands past "
                + limits.maxStreamBytes()
                + " bytes, the most custody expands for one stream (ArchiveLimits.maxStreamBytes:"
                + " 1 GiB or a quarter of the heap); reading stopped and the rest is not scanned."
                + " Decompress it and scan the result");
      }
      return new ArchiveProblem(
          ArchiveProblem.Kind.LIMIT,
          0,
          "the file's decompressed-byte budget of "
              + limits.maxTotalBytes()
              + " bytes is spent; reading stopped");
    }

    /** Charges what was read to the budget (once). */
    void settle() {
      budget.spend(out.size() - counted);
      counted = out.size();
    }

    /** What was read, without a copy (the buffer of a finished expansion). */
    ByteBuffer bytes() {
      return out.view();
    }
  }

  /** A growing buffer whose bytes are handed out without the copy toByteArray makes. */
  private static final class Output extends ByteArrayOutputStream {
    ByteBuffer view() {
      return ByteBuffer.wrap(buf, 0, count);
    }
  }

  /** The bytes of a buffer as a stream, read in place. */
  private static final class BufferInput extends InputStream {
    private final ByteBuffer data;

    BufferInput(ByteBuffer data) {
      this.data = data;
    }

    @Override
    public int read() {
      return data.hasRemaining() ? data.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      if (!data.hasRemaining()) {
        return -1;
      }
      int n = Math.min(length, data.remaining());
      data.get(into, offset, n);
      return n;
    }

    @Override
    public int available() {
      return data.remaining();
    }
  }
}
