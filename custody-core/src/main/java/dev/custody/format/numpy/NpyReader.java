package dev.custody.format.numpy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code .npy} header as numpy's {@code read_array_header} does: magic {@code \x93NUMPY},
 * version 1.0, 2.0 or 3.0, a little-endian header length, then a Python dict literal with exactly
 * the keys {@code descr}, {@code fortran_order} and {@code shape}. Total: returns a header or
 * throws {@link MalformedArrayException}.
 */
public final class NpyReader {
  /** The six magic bytes. */
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /**
   * Longest header read. numpy's default {@code max_header_size} is 10 000, but it is ignored with
   * {@code allow_pickle=True}, exactly when a header matters; custody reads up to 1 MiB.
   */
  public static final int MAX_HEADER = 1 << 20;

  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

  private NpyReader() {}

  /** True when the bytes start with the {@code .npy} magic. */
  public static boolean startsLikeNpy(ByteBuffer data) {
    if (data.remaining() < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (data.get(data.position() + i) != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the header of the array in {@code data} (position to limit); offsets are relative to the
   * position.
   *
   * @throws MalformedArrayException if numpy would not read the header as custody does
   */
  public static NpyHeader read(ByteBuffer data) throws MalformedArrayException {
    ByteBuffer buf = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (!startsLikeNpy(buf) || buf.remaining() < 10) {
      throw new MalformedArrayException(0, "the bytes do not start with the .npy magic");
    }
    int major = buf.get(6) & 0xff;
    int minor = buf.get(7) & 0xff;
    if (major < 1 || major > 3 || minor != 0) {
      throw new MalformedArrayException(
          6,
          "format version "
              + major
              + "."
              + minor
              + " is not one numpy reads (1.0, 2.0, 3.0); the file is damaged or crafted");
    }
    long length;
    int start;
    if (major == 1) {
      length = buf.getShort(8) & 0xFFFF;
      start = 10;
    } else {
      if (buf.remaining() < 12) {
        throw new MalformedArrayException(8, "the header length is cut off");
      }
      length = buf.getInt(8) & 0xFFFFFFFFL;
      start = 12;
    }
    if (length > MAX_HEADER || start + length > buf.remaining()) {
      throw new MalformedArrayException(
          start,
          "the header claims "
              + length
              + " bytes; the file has "
              + (buf.remaining() - start)
              + " after the length field and custody reads at most "
              + MAX_HEADER);
    }
    byte[] raw = new byte[(int) length];
    buf.get(start, raw);
    String text =
        new String(raw, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Object parsed;
    try {
      parsed = PythonLiteral.parse(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedArrayException(
          start, "the header is not a Python literal numpy reads: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> map) || !map.keySet().equals(KEYS)) {
      throw new MalformedArrayException(
          start, "the header is not a dict with exactly descr, fortran_order and shape");
    }
    Object descr = map.get("descr");
    if (!(map.get("fortran_order") instanceof Boolean fortran)) {
      throw new MalformedArrayException(start, "fortran_order is not True or False");
    }
    if (!(map.get("shape") instanceof List<?> dims)) {
      throw new MalformedArrayException(start, "shape is not a tuple");
    }
    List<Long> shape = new ArrayList<>();
    for (Object dim : dims) {
      if (!(dim instanceof BigInteger n) || n.signum() < 0 || n.bitLength() > 62) {
        throw new MalformedArrayException(start, "shape holds something other than sizes");
      }
      shape.add(n.longValue());
    }
    if (descr == null || !(descr instanceof String || descr instanceof List<?>)) {
      throw new MalformedArrayException(start, "descr is neither a string nor a list of fields");
    }
    return new NpyHeader(
        major,
        minor,
        descr instanceof String s ? s : text,
        fortran,
        shape,
        start + length,
        hasObjects(descr, 0));
  }

  /**
   * True when a dtype description holds Python objects: a type string with {@code O} (the object
   * type code, also inside comma-separated field lists) or {@code object}, or a structured field
   * list with such a field anywhere. Anything else numpy accepts is plain data.
   */
  static boolean hasObjects(Object descr, int depth) {
    if (depth > 32) {
      return true;
    }
    if (descr instanceof String s) {
      return s.indexOf('O') >= 0 || s.contains("object");
    }
    if (descr instanceof List<?> fields) {
      for (Object field : fields) {
        if (field instanceof List<?> parts) {
          for (int i = 1; i < parts.size(); i++) {
            if (hasObjects(parts.get(i), depth + 1)) {
              return true;
            }
          }
        } else if (hasObjects(field, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    return false;
  }
}
