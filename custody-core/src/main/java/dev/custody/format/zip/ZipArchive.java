package dev.custody.format.zip;

import dev.custody.format.ModelSource;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An archive read by {@link ZipReader}: its entries in central-directory order (then any entries
 * only local headers show), every anomaly found, and member extraction within the budgets. Not
 * thread-safe: the inflation budget is shared by every {@link #open} call.
 */
public final class ZipArchive {
  private static final int CHUNK = 64 * 1024;

  private final ModelSource data;
  private final ZipLimits limits;
  private final List<ZipEntry> entries;
  private final List<ZipAnomaly> anomalies;
  private final boolean completed;
  private long inflated;

  ZipArchive(
      ModelSource data,
      ZipLimits limits,
      List<ZipEntry> entries,
      List<ZipAnomaly> anomalies,
      boolean completed) {
    this.data = data;
    this.limits = limits;
    this.entries = List.copyOf(entries);
    this.anomalies = List.copyOf(anomalies);
    this.completed = completed;
  }

  /** Every entry: central-directory entries in directory order, then local-only entries. */
  public List<ZipEntry> entries() {
    return entries;
  }

  /** Every disagreement or hiding place found, in the order found. */
  public List<ZipAnomaly> anomalies() {
    return anomalies;
  }

  /** False when the entry limit cut the directory short. */
  public boolean completed() {
    return completed;
  }

  /**
   * The folder PyTorch's reader prefixes to every record: the first central-directory entry's name
   * up to its first slash, or empty when there is no such entry or no slash.
   */
  public String loaderRoot() {
    for (ZipEntry entry : entries) {
      if (!entry.localOnly()) {
        int slash = entry.name().indexOf('/');
        return slash < 0 ? "" : entry.name().substring(0, slash);
      }
    }
    return "";
  }

  /** Extracts a member the way miniz does: central-directory sizes, local-header data offset. */
  public MemberData open(ZipEntry entry) {
    return open(entry, false);
  }

  /**
   * Extracts a member as if its encryption flag bits were clear: what a loader that ignores them
   * reads (CVE-2025-1945: the bits are set on plain data). Scan the result, never trust it as
   * decrypted content.
   */
  public MemberData openIgnoringEncryptionFlags(ZipEntry entry) {
    return open(entry, true);
  }

  private MemberData open(ZipEntry entry, boolean ignoreEncryption) {
    String name = Untrusted.quote(entry.name());
    if (entry.encrypted() && !ignoreEncryption) {
      return new MemberData.Unreadable(
          MemberData.Problem.ENCRYPTED,
          "member "
              + name
              + " has encryption flag bits 0x"
              + Integer.toHexString(entry.flags())
              + "; custody cannot read it. Ask for an archive without encryption");
    }
    if (entry.dataOffset() < 0) {
      return new MemberData.Unreadable(
          MemberData.Problem.BAD_LOCAL_HEADER,
          "member "
              + name
              + " has no valid local header at offset "
              + entry.localHeaderOffset()
              + "; the archive is damaged or crafted");
    }
    long size = data.size();
    long csize = entry.compressedSize();
    if (csize < 0 || entry.dataOffset() > size || csize > size - entry.dataOffset()) {
      return new MemberData.Unreadable(
          MemberData.Problem.OUT_OF_RANGE,
          "member "
              + name
              + " claims "
              + Long.toUnsignedString(csize)
              + " bytes at offset "
              + entry.dataOffset()
              + " but the file has "
              + size
              + " bytes; the archive is truncated or crafted");
    }
    if (csize > data.maxSlice()) {
      return new MemberData.Unreadable(
          MemberData.Problem.LIMIT_EXCEEDED,
          "member "
              + name
              + " holds "
              + Long.toUnsignedString(csize)
              + " bytes; in an archive larger than 2 GiB custody reads members of up to "
              + data.maxSlice()
              + " bytes, so it was not scanned. Unpack it and scan it on its own");
    }
    ByteBuffer raw = data.slice(entry.dataOffset(), csize);
    return switch (entry.method()) {
      case 0 -> stored(entry, raw);
      case 8 -> inflate(entry, raw, name);
      default ->
          new MemberData.Unreadable(
              MemberData.Problem.UNSUPPORTED_METHOD,
              "member "
                  + name
                  + " uses compression method "
                  + entry.method()
                  + "; custody reads stored (0) and deflate (8) only, as PyTorch and numpy do");
    };
  }

  private static MemberData stored(ZipEntry entry, ByteBuffer raw) {
    CRC32 crc = new CRC32();
    crc.update(raw.duplicate());
    return new MemberData.Contents(
        raw, crc.getValue() == entry.crc32(), raw.remaining() == entry.uncompressedSize());
  }

  private MemberData inflate(ZipEntry entry, ByteBuffer raw, String name) {
    long budget = Math.min(limits.maxMemberBytes(), limits.maxTotalBytes() - inflated);
    if (budget <= 0) {
      return limit(name, "the archive's total inflation budget of " + limits.maxTotalBytes());
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(raw.duplicate());
      int initial = (int) Math.max(0, Math.min(Math.min(entry.uncompressedSize(), budget), CHUNK));
      byte[] out = new byte[Math.max(initial, 1)];
      int length = 0;
      while (!inflater.finished()) {
        if (length == out.length) {
          if (length >= budget) {
            return limit(name, "the inflation budget of " + budget + " bytes");
          }
          long grown = Math.min(budget, Math.max(64L, (long) out.length * 2));
          out = java.util.Arrays.copyOf(out, (int) grown);
        }
        int n = inflater.inflate(out, length, out.length - length);
        length += n;
        if (length > limits.ratioFloorBytes()
            && length / Math.max(1L, inflater.getBytesRead()) > limits.maxRatio()) {
          return limit(
              name, "the ratio limit of " + limits.maxRatio() + ":1 (a decompression bomb)");
        }
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return new MemberData.Unreadable(
              MemberData.Problem.CORRUPT_DATA,
              "member "
                  + name
                  + "'s deflate stream ends before its end marker; the archive is truncated or"
                  + " crafted");
        }
      }
      inflated += length;
      CRC32 crc = new CRC32();
      crc.update(out, 0, length);
      return new MemberData.Contents(
          ByteBuffer.wrap(out, 0, length).slice().asReadOnlyBuffer(),
          crc.getValue() == entry.crc32(),
          length == entry.uncompressedSize());
    } catch (DataFormatException e) {
      return new MemberData.Unreadable(
          MemberData.Problem.CORRUPT_DATA,
          "member " + name + "'s deflate data is corrupt (" + e.getMessage() + ")");
    } finally {
      inflater.end();
    }
  }

  private static MemberData limit(String name, String what) {
    return new MemberData.Unreadable(
        MemberData.Problem.LIMIT_EXCEEDED,
        "inflating member "
            + name
            + " passed "
            + what
            + "; it was not scanned. Rescan with higher ZipLimits if the model is genuine");
  }
}
