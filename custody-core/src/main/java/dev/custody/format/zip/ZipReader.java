package dev.custody.format.zip;

import dev.custody.format.ModelSource;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a zip archive from a buffer the way miniz ({@code torch.load}) does: the end record is
 * found by a bounded backwards search from the end, ZIP64 records are followed, the central
 * directory lists the members, and each member's data is located from its local header's name and
 * extra lengths. Local headers are then compared with the directory and walked in file order, so
 * entries only a streaming unzipper would see, and every other disagreement, become {@link
 * ZipAnomaly anomalies}. Total: for any bytes it returns an archive or throws {@link
 * MalformedZipException}.
 */
public final class ZipReader {
  static final int LOCAL_SIG = 0x04034b50;
  static final int CENTRAL_SIG = 0x02014b50;
  static final int END_SIG = 0x06054b50;
  static final int END64_SIG = 0x06064b50;
  static final int LOCATOR64_SIG = 0x07064b50;
  static final int DESCRIPTOR_SIG = 0x08074b50;
  private static final int END_SIZE = 22;
  private static final int MAX_COMMENT = 0xFFFF;

  private final ModelSource source;
  private final ZipLimits limits;
  private final long size;
  private final List<ZipAnomaly> anomalies = new ArrayList<>();
  private long shift;

  private ZipReader(ModelSource source, ZipLimits limits) {
    this.source = source;
    this.limits = limits;
    this.size = source.size();
  }

  /**
   * Reads the archive in {@code data} (position to limit); the buffer itself is untouched, and
   * member data is read from it lazily by {@link ZipArchive#open}.
   *
   * @throws MalformedZipException if no central-directory reader would open it
   */
  public static ZipArchive read(ByteBuffer data, ZipLimits limits) throws MalformedZipException {
    return read(ModelSource.of(data), limits);
  }

  /**
   * Reads the archive in {@code source}, of any size: the end records and the central directory
   * from the end, then every member's local header; member data is read only by {@link
   * ZipArchive#open}.
   *
   * @throws MalformedZipException if no central-directory reader would open it
   */
  public static ZipArchive read(ModelSource source, ZipLimits limits) throws MalformedZipException {
    return new ZipReader(source, limits).read();
  }

  /** Reads a whole byte array. */
  public static ZipArchive read(byte[] data, ZipLimits limits) throws MalformedZipException {
    return read(ByteBuffer.wrap(data), limits);
  }

  /** True when the bytes start with a local header signature, as PyTorch and numpy require. */
  public static boolean startsLikeZip(ByteBuffer data) {
    return data.remaining() >= 4
        && data.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(data.position()) == LOCAL_SIG;
  }

  private ZipArchive read() throws MalformedZipException {
    long end = findEnd();
    int commentLength = u16(end + 20);
    if (end + END_SIZE + commentLength != size) {
      anomalies.add(
          new ZipAnomaly(
              ZipAnomaly.Kind.TRAILING_DATA,
              null,
              end,
              "the end record's comment length ("
                  + commentLength
                  + ") does not reach the end of the file ("
                  + (size - end - END_SIZE)
                  + " bytes follow the record); readers that search differently may find another"
                  + " end record"));
    }
    long disk = u16(end + 4);
    long cdDisk = u16(end + 6);
    long total = u16(end + 10);
    long cdSize = u32(end + 12);
    long cdOffset = u32(end + 16);
    long directoryEnd = end;
    if (end >= 20 && source.getInt(end - 20) == LOCATOR64_SIG) {
      long end64 = u64(end - 20 + 8);
      if (end64 < 0 || end64 > size - 56 || end64 > end - 20) {
        throw new MalformedZipException(
            end - 20, "the ZIP64 locator points outside the file (offset " + end64 + ")");
      }
      long at = end64;
      if (source.getInt(at) != END64_SIG) {
        throw new MalformedZipException(at, "no ZIP64 end record where the locator points");
      }
      disk = u32(at + 16);
      cdDisk = u32(at + 20);
      total = u64(at + 32);
      cdSize = u64(at + 40);
      cdOffset = u64(at + 48);
      directoryEnd = at;
    } else if (total == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
      anomalies.add(
          new ZipAnomaly(
              ZipAnomaly.Kind.TRAILING_DATA,
              null,
              end,
              "the end record has saturated ZIP64 fields but no ZIP64 locator; read as written"));
    }
    if (disk != 0 || cdDisk != 0) {
      throw new MalformedZipException(
          end, "the archive spans several disks; join the parts into one file and scan that");
    }
    if (cdOffset < 0 || cdSize < 0 || cdOffset > directoryEnd || cdSize > directoryEnd - cdOffset) {
      throw new MalformedZipException(
          end,
          "the central directory (offset "
              + Long.toUnsignedString(cdOffset)
              + ", "
              + Long.toUnsignedString(cdSize)
              + " bytes) lies outside the file; it is truncated or not a zip archive");
    }
    shift = directoryEnd - cdSize - cdOffset;
    if (shift != 0) {
      anomalies.add(
          new ZipAnomaly(
              ZipAnomaly.Kind.PREPENDED_DATA,
              null,
              cdOffset,
              shift
                  + " bytes lie between the central directory and the end record; CPython zipfile"
                  + " shifts every offset by that amount, miniz (torch) does not, so the two read"
                  + " different bytes"));
    }
    boolean completed = true;
    if (total < 0 || total > limits.maxEntries()) {
      anomalies.add(
          new ZipAnomaly(
              ZipAnomaly.Kind.ENTRY_LIMIT,
              null,
              end,
              "the archive declares "
                  + Long.toUnsignedString(total)
                  + " entries; only the first "
                  + limits.maxEntries()
                  + " were read"));
      total = limits.maxEntries();
      completed = false;
    }
    long cdStart = cdOffset;
    if (shift > 0
        && total > 0
        && cdSize >= 4
        && source.getInt(cdOffset) != CENTRAL_SIG
        && source.getInt(cdOffset + shift) == CENTRAL_SIG) {
      // CPython zipfile shifts the directory (and every member) by the prepended bytes.
      cdStart = cdOffset + shift;
    }
    List<ZipEntry> entries = readDirectory(cdStart, cdStart + cdSize, (int) total);
    if (entries.size() < total) {
      completed = false;
    }
    checkEntries(entries);
    walkLocalHeaders(entries, cdStart);
    return new ZipArchive(source, limits, entries, anomalies, completed);
  }

  /** The last end record in the final 65 557 bytes, as miniz's backwards search finds it. */
  private long findEnd() throws MalformedZipException {
    if (size < END_SIZE) {
      throw new MalformedZipException(
          0, "the input has " + size + " bytes; a zip archive has at least 22 (its end record)");
    }
    long stop = Math.max(0, size - END_SIZE - MAX_COMMENT);
    for (long at = size - END_SIZE; at >= stop; at--) {
      if (source.getInt(at) == END_SIG) {
        return at;
      }
    }
    throw new MalformedZipException(
        size,
        "no end-of-central-directory record in the last 65557 bytes; the file is not a zip"
            + " archive or is truncated");
  }

  private List<ZipEntry> readDirectory(long from, long to, int total) throws MalformedZipException {
    List<ZipEntry> entries = new ArrayList<>(Math.min(total, 4096));
    long at = from;
    for (int i = 0; i < total; i++) {
      if (at > to - 46 || source.getInt(at) != CENTRAL_SIG) {
        throw new MalformedZipException(
            at,
            "central-directory entry "
                + i
                + " of "
                + total
                + " is missing or has no PK\\1\\2 signature; the directory is damaged");
      }
      int madeBy = u16(at + 4);
      int flags = u16(at + 8);
      int method = u16(at + 10);
      long crc = u32(at + 16);
      long csize = u32(at + 20);
      long usize = u32(at + 24);
      int nameLength = u16(at + 28);
      int extraLength = u16(at + 30);
      int commentLength = u16(at + 32);
      long diskStart = u16(at + 34);
      long external = u32(at + 38);
      long localOffset = u32(at + 42);
      long nameAt = at + 46;
      long extraAt = nameAt + nameLength;
      long next = extraAt + extraLength + commentLength;
      if (next > to || next < 0) {
        throw new MalformedZipException(
            at, "central-directory entry " + i + " runs past the end of the directory");
      }
      byte[] rawName = bytes(nameAt, nameLength);
      String name = decode(rawName, flags);
      // ZIP64 extra: only the saturated fields are present, in this order.
      long extra = findExtra(extraAt, extraLength, 0x0001);
      if (extra >= 0) {
        long fieldEnd = extra + 4 + u16(extra + 2);
        long p = extra + 4;
        if (usize == 0xFFFFFFFFL && p + 8 <= fieldEnd) {
          usize = u64(p);
          p += 8;
        }
        if (csize == 0xFFFFFFFFL && p + 8 <= fieldEnd) {
          csize = u64(p);
          p += 8;
        }
        if (localOffset == 0xFFFFFFFFL && p + 8 <= fieldEnd) {
          localOffset = u64(p);
          p += 8;
        }
        if (diskStart == 0xFFFF && p + 4 <= fieldEnd) {
          diskStart = u32(p);
        }
      }
      long unicode = findExtra(extraAt, extraLength, 0x7075);
      if (unicode >= 0) {
        int length = u16(unicode + 2);
        if (length >= 5) {
          String alternative = new String(bytes(unicode + 9, length - 5), StandardCharsets.UTF_8);
          if (!alternative.equals(name)) {
            anomalies.add(
                new ZipAnomaly(
                    ZipAnomaly.Kind.UNICODE_PATH_MISMATCH,
                    name,
                    at,
                    "member "
                        + Untrusted.quote(name)
                        + " carries an Info-ZIP Unicode Path "
                        + Untrusted.quote(alternative)
                        + "; some unzippers use that name instead"));
          }
        }
      }
      if (shift > 0 && !isLocalHeader(localOffset) && isLocalHeader(localOffset + shift)) {
        anomalies.add(
            new ZipAnomaly(
                ZipAnomaly.Kind.PREPENDED_DATA,
                name,
                localOffset + shift,
                "member "
                    + Untrusted.quote(name)
                    + " is only found "
                    + shift
                    + " bytes after the offset its entry gives, where CPython zipfile looks;"
                    + " miniz (torch) fails on it. custody read it as CPython does"));
        localOffset += shift;
      }
      long dataOffset = localData(i, name, rawName, flags, method, crc, csize, usize, localOffset);
      entries.add(
          new ZipEntry(
              i,
              name,
              flags,
              method,
              crc,
              csize,
              usize,
              localOffset,
              dataOffset,
              external,
              madeBy,
              false));
      at = next;
    }
    if (at != to) {
      anomalies.add(
          new ZipAnomaly(
              ZipAnomaly.Kind.UNACCOUNTED_BYTES,
              null,
              at,
              (to - at)
                  + " bytes of the central directory follow its last declared entry; a reader"
                  + " that ignores the entry count may find more entries there"));
    }
    return entries;
  }

  /** The data offset a miniz reader computes, comparing the local header with the directory. */
  private long localData(
      int index,
      String name,
      byte[] rawName,
      int flags,
      int method,
      long crc,
      long csize,
      long usize,
      long localOffset) {
    String quoted = Untrusted.quote(name);
    if (!isLocalHeader(localOffset)) {
      anomalies.add(
          new ZipAnomaly(
              ZipAnomaly.Kind.BAD_LOCAL_HEADER,
              name,
              Math.max(0, localOffset),
              "entry "
                  + index
                  + " "
                  + quoted
                  + " points at offset "
                  + Long.toUnsignedString(localOffset)
                  + ", where no local header starts; readers fail on this member (and a"
                  + " Python scanner's loop may stop here while torch reads the other members)"));
      return -1;
    }
    ByteBuffer header = source.probe(localOffset, 30);
    int localFlags = header.getShort(6) & 0xFFFF;
    int localMethod = header.getShort(8) & 0xFFFF;
    long localCrc = header.getInt(14) & 0xFFFFFFFFL;
    long localCsize = header.getInt(18) & 0xFFFFFFFFL;
    long localUsize = header.getInt(22) & 0xFFFFFFFFL;
    int nameLength = header.getShort(26) & 0xFFFF;
    int extraLength = header.getShort(28) & 0xFFFF;
    long dataOffset = localOffset + 30 + nameLength + extraLength;
    if (dataOffset > size) {
      anomalies.add(
          new ZipAnomaly(
              ZipAnomaly.Kind.BAD_LOCAL_HEADER,
              name,
              localOffset,
              "the local header of " + quoted + " runs past the end of the file"));
      return -1;
    }
    byte[] localName = probeBytes(localOffset + 30, nameLength);
    if (!Arrays.equals(localName, rawName)) {
      anomalies.add(
          new ZipAnomaly(
              ZipAnomaly.Kind.LOCAL_NAME_MISMATCH,
              name,
              localOffset,
              "the central directory names the member "
                  + quoted
                  + " but its local header says "
                  + Untrusted.quote(decode(localName, localFlags))
                  + "; torch (miniz) loads it by the directory name, CPython zipfile refuses it,"
                  + " streaming unzippers use the local name"));
    }
    List<String> differences = new ArrayList<>();
    if (localMethod != method) {
      differences.add("method " + localMethod + " vs " + method);
    }
    if ((localFlags & ZipEntry.ENCRYPTION_FLAGS) != (flags & ZipEntry.ENCRYPTION_FLAGS)) {
      differences.add(
          "flags 0x" + Integer.toHexString(localFlags) + " vs 0x" + Integer.toHexString(flags));
    }
    if ((localFlags & 0x0008) == 0) {
      if (localCrc != crc) {
        differences.add("CRC-32 " + Long.toHexString(localCrc) + " vs " + Long.toHexString(crc));
      }
      if (localCsize != 0xFFFFFFFFL && localCsize != csize) {
        differences.add("compressed size " + localCsize + " vs " + csize);
      }
      if (localUsize != 0xFFFFFFFFL && localUsize != usize) {
        differences.add("uncompressed size " + localUsize + " vs " + usize);
      }
    }
    if (!differences.isEmpty()) {
      anomalies.add(
          new ZipAnomaly(
              ZipAnomaly.Kind.LOCAL_FIELD_MISMATCH,
              name,
              localOffset,
              "the local header of "
                  + quoted
                  + " disagrees with the central directory ("
                  + String.join(", ", differences)
                  + " (local vs directory)); readers that trust the local header read other bytes"));
    }
    return dataOffset;
  }

  private void checkEntries(List<ZipEntry> entries) {
    Map<String, Integer> seen = new HashMap<>();
    for (ZipEntry entry : entries) {
      String quoted = Untrusted.quote(entry.name());
      Integer count = seen.merge(entry.name(), 1, Integer::sum);
      if (count == 2) {
        anomalies.add(
            new ZipAnomaly(
                ZipAnomaly.Kind.DUPLICATE_NAME,
                entry.name(),
                entry.localHeaderOffset(),
                "more than one member is named "
                    + quoted
                    + "; torch (miniz binary search) and CPython zipfile (last wins) may load"
                    + " different ones. custody scanned every copy"));
      }
      String unsafe = unsafeName(entry.name());
      if (unsafe != null) {
        anomalies.add(
            new ZipAnomaly(
                ZipAnomaly.Kind.UNSAFE_NAME,
                entry.name(),
                entry.localHeaderOffset(),
                "member " + quoted + " " + unsafe));
      }
      if (entry.symlink()) {
        anomalies.add(
            new ZipAnomaly(
                ZipAnomaly.Kind.SYMLINK,
                entry.name(),
                entry.localHeaderOffset(),
                "member "
                    + quoted
                    + " is a symbolic link; unpacking it can point later writes or reads outside"
                    + " the folder"));
      }
      if (entry.encrypted()) {
        anomalies.add(
            new ZipAnomaly(
                ZipAnomaly.Kind.ENCRYPTED,
                entry.name(),
                entry.localHeaderOffset(),
                "member "
                    + quoted
                    + " has encryption or patched-data flag bits (0x"
                    + Integer.toHexString(entry.flags())
                    + "); CPython refuses it, some torch builds load it anyway"));
      }
      if (entry.method() == 0 && entry.compressedSize() != entry.uncompressedSize()) {
        anomalies.add(
            new ZipAnomaly(
                ZipAnomaly.Kind.SIZE_MISMATCH,
                entry.name(),
                entry.localHeaderOffset(),
                "stored member "
                    + quoted
                    + " declares "
                    + Long.toUnsignedString(entry.compressedSize())
                    + " stored bytes but "
                    + Long.toUnsignedString(entry.uncompressedSize())
                    + " uncompressed; readers disagree on how much of it they read"));
      }
    }
    List<ZipEntry> located = new ArrayList<>();
    for (ZipEntry entry : entries) {
      if (entry.dataOffset() >= 0) {
        located.add(entry);
        outOfRange(entry);
      }
    }
    located.sort((a, b) -> Long.compare(a.localHeaderOffset(), b.localHeaderOffset()));
    long reach = -1;
    @Nullable ZipEntry reacher = null;
    for (ZipEntry entry : located) {
      if (reacher != null && entry.localHeaderOffset() < reach) {
        anomalies.add(
            new ZipAnomaly(
                ZipAnomaly.Kind.OVERLAPPING_ENTRIES,
                entry.name(),
                entry.localHeaderOffset(),
                "member "
                    + Untrusted.quote(entry.name())
                    + " lies inside the bytes of member "
                    + Untrusted.quote(reacher.name())
                    + "; overlapping members are how zip bombs multiply and how content hides"));
      }
      long entryEnd = saturatedAdd(entry.dataOffset(), entry.compressedSize());
      if (entryEnd > reach) {
        reach = entryEnd;
        reacher = entry;
      }
    }
  }

  /** Checks a located member's data against the file size; its bytes are never read for this. */
  private void outOfRange(ZipEntry entry) {
    long csize = entry.compressedSize();
    if (csize >= 0 && csize <= size - entry.dataOffset()) {
      return;
    }
    anomalies.add(
        new ZipAnomaly(
            ZipAnomaly.Kind.DATA_OUT_OF_RANGE,
            entry.name(),
            entry.localHeaderOffset(),
            "member "
                + Untrusted.quote(entry.name())
                + " claims "
                + Long.toUnsignedString(csize)
                + " bytes at offset "
                + entry.dataOffset()
                + " but the file ends at "
                + size
                + "; the archive is truncated or crafted"));
  }

  /**
   * Walks local headers from the start of the file, in file order, as a streaming unzipper would,
   * and adds an entry for each one the directory does not point at.
   */
  private void walkLocalHeaders(List<ZipEntry> entries, long cdOffset) {
    Map<Long, ZipEntry> byOffset = new HashMap<>();
    for (ZipEntry entry : entries) {
      byOffset.putIfAbsent(entry.localHeaderOffset(), entry);
    }
    if (!isLocalHeader(0)) {
      long first = Long.MAX_VALUE;
      for (ZipEntry entry : entries) {
        first = Math.min(first, entry.localHeaderOffset());
      }
      if (!entries.isEmpty() && first > 0) {
        anomalies.add(
            new ZipAnomaly(
                ZipAnomaly.Kind.PREPENDED_DATA,
                null,
                0,
                "the file does not start with a local header ("
                    + Math.min(first, size)
                    + " bytes precede the first member); torch and numpy do not read it as a zip,"
                    + " CPython zipfile and unzip do"));
      }
      return;
    }
    Set<Long> visited = new HashSet<>();
    long at = 0;
    int budget = limits.maxEntries();
    int index = entries.size();
    while (at >= 0 && at <= size - 30 && budget-- > 0 && visited.add(at)) {
      if (!isLocalHeader(at)) {
        break;
      }
      ByteBuffer header = source.probe(at, 30);
      int flags = header.getShort(6) & 0xFFFF;
      int nameLength = header.getShort(26) & 0xFFFF;
      int extraLength = header.getShort(28) & 0xFFFF;
      long dataOffset = at + 30 + nameLength + extraLength;
      if (dataOffset > size) {
        break;
      }
      ZipEntry known = byOffset.get(at);
      long csize;
      if (known != null) {
        csize = known.compressedSize();
      } else {
        csize = header.getInt(18) & 0xFFFFFFFFL;
        String name = decode(probeBytes(at + 30, nameLength), flags);
        boolean sized = (flags & 0x0008) == 0 || csize != 0;
        ZipEntry hidden =
            new ZipEntry(
                index++,
                name,
                flags,
                header.getShort(8) & 0xFFFF,
                header.getInt(14) & 0xFFFFFFFFL,
                csize,
                header.getInt(22) & 0xFFFFFFFFL,
                at,
                dataOffset,
                0,
                0,
                true);
        entries.add(hidden);
        anomalies.add(
            new ZipAnomaly(
                ZipAnomaly.Kind.LOCAL_ONLY_ENTRY,
                name,
                at,
                "a local header for "
                    + Untrusted.quote(name)
                    + " at offset "
                    + at
                    + " is not in the central directory; torch and CPython never see it,"
                    + " streaming unzippers extract it"
                    + (sized ? "" : " (its size is unknown, so the walk stops here)")));
        if (!sized) {
          return;
        }
      }
      long next = saturatedAdd(dataOffset, csize);
      if ((flags & 0x0008) != 0 && next >= 0 && next <= size - 4) {
        next += probeInt(next) == DESCRIPTOR_SIG ? 16 : 12;
        if (next <= size - 4 && probeInt(Math.min(next, size - 4)) != LOCAL_SIG) {
          // ZIP64 descriptors carry 8-byte sizes; the last member's is followed by the directory.
          long wide = next + 8;
          if (wide <= size - 4 && (probeInt(wide) == LOCAL_SIG || wide == cdOffset)) {
            next = wide;
          }
        }
      }
      at = next;
    }
    if (at >= 0 && at < cdOffset && (at > size - 4 || probeInt(at) != LOCAL_SIG)) {
      boolean pointedAt = false;
      for (ZipEntry entry : entries) {
        pointedAt |= entry.localHeaderOffset() > at && entry.localHeaderOffset() < cdOffset;
      }
      anomalies.add(
          new ZipAnomaly(
              ZipAnomaly.Kind.UNACCOUNTED_BYTES,
              null,
              at,
              (cdOffset - at)
                  + " bytes between offset "
                  + at
                  + " and the central directory belong to no member"
                  + (pointedAt ? " in file order (members are out of order)" : "")
                  + "; hidden content may sit there"));
    }
  }

  private static @Nullable String unsafeName(String name) {
    if (name.indexOf('\\') >= 0) {
      return "contains a backslash; Windows unzippers treat it as a folder separator";
    }
    if (name.startsWith("/")) {
      return "is an absolute path; unpacking writes outside the target folder";
    }
    if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
      return "starts with a drive letter; unpacking writes outside the target folder";
    }
    for (String part : name.split("/", -1)) {
      if (part.equals("..")) {
        return "has a '..' component; unpacking writes outside the target folder (zip slip)";
      }
    }
    if (name.indexOf('\0') >= 0) {
      return "contains a NUL character; readers cut the name at different places";
    }
    return null;
  }

  private boolean isLocalHeader(long offset) {
    return offset >= 0 && offset <= size - 30 && probeInt(offset) == LOCAL_SIG;
  }

  // Local headers and data descriptors lie one per member across the whole file: they are read by
  // probes, so a cold multi-GB checkpoint is not read from disk around each one (ModelSource).

  private int probeInt(long at) {
    return source.probe(at, 4).getInt(0);
  }

  private byte[] probeBytes(long at, int length) {
    byte[] out = new byte[length];
    source.probe(at, length).get(out);
    return out;
  }

  private long findExtra(long from, int length, int id) {
    long at = from;
    long end = from + length;
    while (at + 4 <= end) {
      int fieldId = u16(at);
      int fieldLength = u16(at + 2);
      if (at + 4 + fieldLength > end) {
        return -1;
      }
      if (fieldId == id) {
        return at;
      }
      at += 4 + fieldLength;
    }
    return -1;
  }

  private static String decode(byte[] raw, int flags) {
    return new String(
        raw, (flags & 0x0800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
  }

  private byte[] bytes(long at, int length) {
    byte[] out = new byte[length];
    source.get(at, out);
    return out;
  }

  private int u16(long at) {
    return source.getShort(at) & 0xFFFF;
  }

  private long u32(long at) {
    return source.getInt(at) & 0xFFFFFFFFL;
  }

  /** An unsigned 64-bit field; values past Long.MAX_VALUE come back negative (callers check). */
  private long u64(long at) {
    return source.getLong(at);
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return (a >= 0 && b >= 0 && sum < 0) || b < 0 ? Long.MAX_VALUE : sum;
  }
}
