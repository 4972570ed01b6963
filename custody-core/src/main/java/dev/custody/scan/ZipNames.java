package dev.custody.scan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
  private static final int MAX_COMMENT = 0xffff;
  private static final int MAX_NAMES = 100_000;

  private final Set<String> names;

  private ZipNames(Set<String> names) {
    this.names = names;
  }

  static ZipNames read(ByteBuffer data) {
    ByteBuffer b = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    Set<String> names = new HashSet<>();
    int n = b.remaining();
    int eocd = -1;
    for (int at = n - 22; at >= 0 && at >= n - 22 - MAX_COMMENT; at--) {
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
    if (offset == 0xffffffffL || offset >= n) {
      // zip64 or a prefix before the archive: look just before the end record instead.
      offset = eocd - size;
    }
    long at = offset;
    while (at >= 0 && at + 46 <= n && names.size() < MAX_NAMES && b.getInt((int) at) == CENTRAL) {
      int nameLength = b.getShort((int) at + 28) & 0xffff;
      int extra = b.getShort((int) at + 30) & 0xffff;
      int comment = b.getShort((int) at + 32) & 0xffff;
      if (at + 46 + nameLength > n) {
        break;
      }
      byte[] name = new byte[nameLength];
      b.get((int) at + 46, name);
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
