package dev.custody.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a ustar archive of regular files, as Python's tarfile writes one (512-byte headers with
 * octal fields and a checksum, data padded to 512 bytes, two zero blocks at the end).
 */
public final class TarBuilder {
  private static final int BLOCK = 512;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private TarBuilder() {}

  /** An empty archive. */
  public static TarBuilder create() {
    return new TarBuilder();
  }

  /** Adds a regular file (names up to 100 bytes). */
  public TarBuilder file(String name, byte[] data) {
    byte[] header = new byte[BLOCK];
    put(header, 0, name, 100);
    octal(header, 100, 0644, 8);
    octal(header, 108, 0, 8);
    octal(header, 116, 0, 8);
    octal(header, 124, data.length, 12);
    octal(header, 136, 0, 12);
    header[156] = '0';
    put(header, 257, "ustar", 6);
    header[263] = '0';
    header[264] = '0';
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    octal(header, 148, sum, 7);
    header[155] = ' ';
    out.writeBytes(header);
    out.writeBytes(data);
    out.writeBytes(new byte[(BLOCK - data.length % BLOCK) % BLOCK]);
    return this;
  }

  /** The archive with its two end blocks. */
  public byte[] bytes() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(out.toByteArray());
    all.writeBytes(new byte[2 * BLOCK]);
    return all.toByteArray();
  }

  private static void put(byte[] header, int at, String text, int width) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    if (b.length > width) {
      throw new IllegalArgumentException("'" + text + "' is longer than " + width + " bytes");
    }
    System.arraycopy(b, 0, header, at, b.length);
  }

  private static void octal(byte[] header, int at, long value, int width) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, width - 1 - digits.length())) + digits;
    put(header, at, padded, width - 1);
  }
}
