package dev.custody.format.archive;

import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads tar archives (v7, ustar, pax, GNU) the way Python's {@code tarfile} and GNU tar see them:
 * pax {@code path}, {@code linkpath} and {@code size} records and GNU long names ({@code L}, {@code
 * K}) override the header fields, unknown entry types are regular files, numbers may be octal or
 * GNU base-256. Names are reported exactly as written: nothing is normalised or stripped, so the
 * scanner sees absolute names and {@code ..} the way an unpacker would. Members after the end
 * marker (two zero blocks) are read too and marked, since {@code tar --ignore-zeros} extracts them.
 * Total and bounded by {@link ArchiveLimits}.
 */
public final class TarReader {
  private static final int BLOCK = 512;
  private static final int MAX_PAX_BYTES = 1 << 20;

  private TarReader() {}

  /** True when {@code data} opens with a tar header whose checksum is right. */
  public static boolean recognizes(ByteBuffer data) {
    ByteBuffer b = data.slice();
    return b.remaining() >= BLOCK && !allZero(b, 0) && checksumOk(b, 0);
  }

  /** Reads every member of the tar archive in {@code data} (position to limit). */
  public static ArchiveListing read(ByteBuffer data, ArchiveLimits limits) {
    return new Walk(data.slice(), limits).run();
  }

  private static final class Walk {
    private final ByteBuffer b;
    private final ArchiveLimits limits;
    private final List<ArchiveEntry> entries = new ArrayList<>();
    private final Map<String, String> globalPax = new HashMap<>();
    private Map<String, String> pax = new HashMap<>();
    private @Nullable String longName;
    private @Nullable String longLink;
    private long memberDataSize;

    Walk(ByteBuffer b, ArchiveLimits limits) {
      this.b = b;
      this.limits = limits;
    }

    ArchiveListing run() {
      long n = b.limit();
      long pos = 0;
      boolean ended = false;
      while (pos + BLOCK <= n) {
        int at = (int) pos;
        if (allZero(b, at)) {
          ended = true;
          pos += BLOCK;
          continue;
        }
        if (!checksumOk(b, at)) {
          if (pos == 0) {
            return stop(malformed(0, "the first block is not a tar header (bad checksum)"));
          }
          if (ended) {
            return done();
          }
          return stop(malformed(pos, "a tar header has a bad checksum; tar readers stop here"));
        }
        long declared = number(at + 124, 12);
        if (declared < 0) {
          return stop(malformed(pos, "a tar header has an invalid size field"));
        }
        char type = (char) (b.get(at + 156) & 0xff);
        long dataStart = pos + BLOCK;
        long available = n - dataStart;
        ArchiveProblem problem = null;
        switch (type) {
          case 'L', 'K' -> {
            if (declared > limits.maxNameLength() + 1L) {
              return stop(limit(pos, "a GNU long name is longer than " + limits.maxNameLength()));
            }
            if (declared > available) {
              return stop(malformed(pos, "a GNU long name runs past the end of the archive"));
            }
            String text = cString((int) dataStart, (int) declared);
            if (type == 'L') {
              longName = text;
            } else {
              longLink = text;
            }
          }
          case 'x', 'g', 'X' -> {
            if (declared > MAX_PAX_BYTES) {
              return stop(limit(pos, "a pax header is larger than " + MAX_PAX_BYTES + " bytes"));
            }
            if (declared > available) {
              return stop(malformed(pos, "a pax header runs past the end of the archive"));
            }
            Map<String, String> records = new HashMap<>();
            String error = parsePax((int) dataStart, (int) declared, records);
            if (error != null) {
              return stop(malformed(pos, error));
            }
            if (type == 'g') {
              globalPax.putAll(records);
            } else {
              pax.putAll(records);
            }
          }
          default -> {
            problem = member(type, at, declared, dataStart, available, ended);
            if (problem != null && problem.kind() != ArchiveProblem.Kind.MALFORMED) {
              return stop(problem);
            }
          }
        }
        if (problem != null) {
          return stop(problem);
        }
        long size = effectiveSize(type, declared);
        long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
        if (padded < 0 || padded > n - dataStart) {
          return done();
        }
        pos = dataStart + padded;
      }
      return done();
    }

    private long effectiveSize(char type, long declared) {
      return switch (type) {
        case 'x', 'g', 'X', 'L', 'K' -> declared;
        default -> memberDataSize;
      };
    }

    private @Nullable ArchiveProblem member(
        char type, int at, long declared, long dataStart, long available, boolean afterEnd) {
      Map<String, String> merged = new HashMap<>(globalPax);
      merged.putAll(pax);
      String name = merged.get("path");
      if (name == null) {
        name = longName;
      }
      if (name == null) {
        name = cString(at, 100);
        String magic = cString(at + 257, 6);
        String prefix = magic.equals("ustar") ? cString(at + 345, 155) : "";
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
      }
      String link = merged.get("linkpath");
      if (link == null) {
        link = longLink;
      }
      if (link == null) {
        link = cString(at + 157, 100);
      }
      long size = declared;
      String paxSize = merged.get("size");
      if (paxSize != null) {
        try {
          size = Long.parseLong(paxSize.strip());
        } catch (NumberFormatException e) {
          return malformed(at, "a pax size record is not a number");
        }
        if (size < 0) {
          return malformed(at, "a pax size record is negative");
        }
      }
      pax = new HashMap<>();
      longName = null;
      longLink = null;
      if (entries.size() >= limits.maxEntries()) {
        return limit(at, "the archive has more than " + limits.maxEntries() + " members");
      }
      if (utf8Length(name) > limits.maxNameLength() || utf8Length(link) > limits.maxNameLength()) {
        return limit(
            at, "a member or link name is longer than " + limits.maxNameLength() + " bytes");
      }
      ArchiveEntry.Kind kind = kind(type);
      long stored = kindHasData(type) ? size : 0;
      memberDataSize = stored;
      boolean complete = stored <= available;
      ByteBuffer content = ByteBuffer.allocate(0);
      if (kind == ArchiveEntry.Kind.FILE) {
        int length = (int) Math.min(Math.min(stored, available), ArchiveLimits.MAX_BUFFER);
        content = b.slice((int) dataStart, length);
        complete = length == stored;
      }
      entries.add(new ArchiveEntry(name, kind, link, size, at, afterEnd, content, complete));
      if (!complete) {
        return malformed(
            at, "member " + Untrusted.quote(name) + " runs past the end of the archive");
      }
      return null;
    }

    private ArchiveListing done() {
      return new ArchiveListing("tar", entries, null);
    }

    private ArchiveListing stop(ArchiveProblem problem) {
      return new ArchiveListing("tar", entries, problem);
    }

    private long number(int at, int length) {
      int first = b.get(at) & 0xff;
      if ((first & 0x80) != 0) {
        // GNU base-256: big-endian two's complement, the top bit of the first byte a marker.
        if (first == 0xff) {
          return -1;
        }
        long value = first & 0x7f;
        for (int i = 1; i < length; i++) {
          if (value > (Long.MAX_VALUE >> 8)) {
            return Long.MAX_VALUE;
          }
          value = (value << 8) | (b.get(at + i) & 0xff);
        }
        return value;
      }
      int i = at;
      int end = at + length;
      while (i < end && (b.get(i) == ' ' || b.get(i) == 0)) {
        i++;
      }
      long value = 0;
      boolean digits = false;
      while (i < end) {
        int c = b.get(i) & 0xff;
        if (c == 0 || c == ' ') {
          break;
        }
        if (c < '0' || c > '7') {
          return -1;
        }
        if (value > (Long.MAX_VALUE >> 3)) {
          return Long.MAX_VALUE;
        }
        value = value * 8 + (c - '0');
        digits = true;
        i++;
      }
      return digits ? value : 0;
    }

    private String cString(int at, int length) {
      int end = at;
      int max = Math.min(at + length, b.limit());
      while (end < max && b.get(end) != 0) {
        end++;
      }
      byte[] bytes = new byte[end - at];
      b.get(at, bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    private @Nullable String parsePax(int at, int length, Map<String, String> out) {
      int p = at;
      int end = at + length;
      while (p < end) {
        if (b.get(p) == 0) {
          return null; // NUL padding after the last record
        }
        int q = p;
        long recordLength = 0;
        while (q < end && b.get(q) >= '0' && b.get(q) <= '9' && recordLength < end) {
          recordLength = recordLength * 10 + (b.get(q) - '0');
          q++;
        }
        if (q == p || q >= end || b.get(q) != ' ' || recordLength <= q - p + 1) {
          return "a pax record has no valid length";
        }
        long recordEnd = p + recordLength;
        if (recordEnd > end || b.get((int) recordEnd - 1) != '\n') {
          return "a pax record runs past its header or does not end in a newline";
        }
        byte[] kv = new byte[(int) recordEnd - 1 - (q + 1)];
        b.get(q + 1, kv);
        String text = new String(kv, StandardCharsets.UTF_8);
        int eq = text.indexOf('=');
        if (eq <= 0) {
          return "a pax record has no key=value";
        }
        out.put(text.substring(0, eq), text.substring(eq + 1));
        p = (int) recordEnd;
      }
      return null;
    }
  }

  private static boolean kindHasData(char type) {
    return switch (type) {
      case '1', '2', '3', '4', '5', '6' -> false;
      default -> true;
    };
  }

  private static ArchiveEntry.Kind kind(char type) {
    return switch (type) {
      case '1' -> ArchiveEntry.Kind.HARDLINK;
      case '2' -> ArchiveEntry.Kind.SYMLINK;
      case '3', '4' -> ArchiveEntry.Kind.DEVICE;
      case '5' -> ArchiveEntry.Kind.DIRECTORY;
      case '6' -> ArchiveEntry.Kind.FIFO;
      // '0', NUL, '7', GNU sparse 'S' and every type tarfile does not know are regular files.
      default -> ArchiveEntry.Kind.FILE;
    };
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static boolean allZero(ByteBuffer b, int at) {
    for (int i = 0; i < BLOCK; i++) {
      if (b.get(at + i) != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean checksumOk(ByteBuffer b, int at) {
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int v = (i >= 148 && i < 156) ? ' ' : b.get(at + i);
      signed += (i >= 148 && i < 156) ? ' ' : v;
      unsigned += (i >= 148 && i < 156) ? ' ' : (v & 0xff);
    }
    long stored = 0;
    boolean digits = false;
    for (int i = 148; i < 156; i++) {
      int c = b.get(at + i) & 0xff;
      if (c == 0 || c == ' ') {
        if (digits) {
          break;
        }
        continue;
      }
      if (c < '0' || c > '7') {
        return false;
      }
      stored = stored * 8 + (c - '0');
      digits = true;
    }
    return digits && (stored == unsigned || stored == signed);
  }

  private static ArchiveProblem malformed(long offset, String message) {
    return new ArchiveProblem(ArchiveProblem.Kind.MALFORMED, offset, message);
  }

  private static ArchiveProblem limit(long offset, String message) {
    return new ArchiveProblem(ArchiveProblem.Kind.LIMIT, offset, message);
  }
}
