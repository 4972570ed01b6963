package dev.custody.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes safetensors files from a JSON header written by hand (so it can lie) and a data buffer of
 * a given length, padding the header with spaces to a multiple of 8 as the library's writer does.
 *
 * <pre>{@code
 * byte[] st = SafetensorsBuilder.file(
 *     "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", 16);
 * }</pre>
 */
public final class SafetensorsBuilder {
  private SafetensorsBuilder() {}

  /** A file with header {@code json} and {@code dataLength} zero bytes of data. */
  public static byte[] file(String json, int dataLength) {
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    int padded = (header.length + 7) / 8 * 8;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
    out.writeBytes(header);
    for (int i = header.length; i < padded; i++) {
      out.write(' ');
    }
    out.writeBytes(new byte[dataLength]);
    return out.toByteArray();
  }

  /** A file whose 8-byte header length is {@code claimed}, followed by {@code rest}. */
  public static byte[] withLength(long claimed, byte[] rest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(claimed).array());
    out.writeBytes(rest);
    return out.toByteArray();
  }
}
