package dev.custody.scan;

import dev.custody.format.ModelSource;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The member names in a zip's central directory, read only far enough to tell a PyTorch or Keras
 * zip from another zip. Total and bounded; a zip whose directory cannot be found has no names.
 */
final class ZipNames {
  private static final int EOCD = 0x06054b50;
  private static final int CENTRAL = 0x02014b50;
  private static final int LOCATOR64 = 0x07064b50;
  private static final int END64 = 0x06064b50;
  private static final int MAX_COMMENT = 0xffff;
  private static final int MAX_NAMES = 100_000;

  private final Set<String> names;

  private ZipNames(Set<String> names) {
    this.names = names;
  }

  static ZipNames read(ModelSource b) {
    Set<String> names = new HashSet<>();
    long n = b.size();
    long eocd = -1;
    for (long at = n - 22; at >= 0 && at >= n - 22 - MAX_COMMENT; at--) {
      if (b.getInt(at) == EOCD) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) {
      return new ZipNames(names);
    }
    long size = b.getInt(eocd + 12) & 0xffffffffL;
    long offset = b.getInt(eocd + 16) & 0xffffffffL;
    if (eocd >= 20 && b.getInt(eocd - 20) == LOCATOR64) {
      // ZIP64 (archives past 4 GiB): the real size and offset are in the ZIP64 end record.
      long end64 = b.getLong(eocd - 12);
      if (end64 >= 0 && end64 <= eocd - 76 && b.getInt(end64) == END64) {
        size = b.getLong(end64 + 40);
        offset = b.getLong(end64 + 48);
      }
    }
    if (offset < 0 || offset == 0xffffffffL || offset >= n) {
      // zip64 or a prefix before the archive: look just before the end record instead.
      offset = eocd - size;
    }
    long at = offset;
    while (at >= 0 && at + 46 <= n && names.size() < MAX_NAMES && b.getInt(at) == CENTRAL) {
      int nameLength = b.getShort(at + 28) & 0xffff;
      int extra = b.getShort(at + 30) & 0xffff;
      int comment = b.getShort(at + 32) & 0xffff;
      if (at + 46 + nameLength > n) {
        break;
      }
      byte[] name = new byte[nameLength];
      b.get(at + 46, name);
      names.add(new String(name, StandardCharsets.UTF_8));
      at += 46L + nameLength + extra + comment;
    }
    return new ZipNames(names);
  }

  boolean contains(String name) {
    return names.contains(name);
  }

  boolean anyEndsWith(String suffix) {
    for (String name : names) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }
}
