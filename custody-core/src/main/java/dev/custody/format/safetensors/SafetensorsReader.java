package dev.custody.format.safetensors;

import dev.custody.format.json.JsonLimits;
import dev.custody.format.json.JsonReader;
import dev.custody.format.json.JsonValue;
import dev.custody.format.json.MalformedJsonException;
import dev.custody.internal.Untrusted;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a safetensors file ({@code u64 LE N | N bytes of JSON | data buffer}) the way the
 * safetensors library's {@code SafeTensors::read_metadata} and {@code Metadata::validate} do, but
 * reports every departure instead of stopping at the first: unknown dtypes, shapes and offsets that
 * are not non-negative integers, byte lengths that do not match dtype × shape (checked arithmetic),
 * overlapping or out-of-range data, and bytes that no tensor covers (gaps, trailing data). Leading
 * and trailing JSON whitespace is accepted, as the library accepts it; duplicate keys are refused.
 * Tensor bytes are never read.
 */
public final class SafetensorsReader {
  private static final int MAX_JSON_DEPTH = 16;

  /** Bits per element of every dtype the library knows. */
  private static final Map<String, Integer> DTYPE_BITS = dtypes();

  private SafetensorsReader() {}

  /**
   * Reads the file in {@code data} (position to limit); the buffer is untouched.
   *
   * @throws MalformedSafetensorsException if the header cannot be read at all, or passes a limit
   */
  public static SafetensorsFile read(ByteBuffer data, SafetensorsLimits limits)
      throws MalformedSafetensorsException {
    return read(data, data.remaining(), limits);
  }

  /**
   * Reads a file of {@code fileSize} bytes whose first bytes are in {@code prefix}: the header must
   * lie in the prefix, the tensor data need not (a many-gigabyte file is judged from its header).
   *
   * @throws MalformedSafetensorsException if the header cannot be read at all, passes a limit, or
   *     runs past the prefix
   */
  public static SafetensorsFile read(ByteBuffer prefix, long fileSize, SafetensorsLimits limits)
      throws MalformedSafetensorsException {
    if (fileSize < prefix.remaining()) {
      throw new IllegalArgumentException("the prefix is longer than the file");
    }
    ByteBuffer in = prefix.slice().order(ByteOrder.LITTLE_ENDIAN);
    long size = fileSize;
    if (size < 8 || in.remaining() < 8) {
      throw header(0, "the file has " + size + " bytes, fewer than the 8-byte header length");
    }
    long n = in.getLong(0);
    if (n < 0 || n > SafetensorsLimits.LIBRARY_MAX_HEADER) {
      throw header(
          0,
          "the header length is "
              + Long.toUnsignedString(n)
              + " bytes, above the library's limit of "
              + SafetensorsLimits.LIBRARY_MAX_HEADER);
    }
    if (n > size - 8) {
      throw header(
          0, "the header length is " + n + " bytes but only " + (size - 8) + " bytes follow it");
    }
    if (n > limits.maxHeaderBytes()) {
      throw new MalformedSafetensorsException(
          MalformedSafetensorsException.Reason.LIMIT_EXCEEDED,
          0,
          "the header is " + n + " bytes, more than the limit of " + limits.maxHeaderBytes());
    }
    if (n > in.remaining() - 8) {
      throw new MalformedSafetensorsException(
          MalformedSafetensorsException.Reason.LIMIT_EXCEEDED,
          0,
          "the header of "
              + n
              + " bytes runs past the first "
              + in.remaining()
              + " bytes given to the reader");
    }
    byte[] json = new byte[(int) n];
    in.get(8, json);
    JsonValue root;
    try {
      root =
          JsonReader.read(
              json, new JsonLimits(Math.max(1, json.length), MAX_JSON_DEPTH, limits.maxValues()));
    } catch (MalformedJsonException e) {
      String message = String.valueOf(e.getMessage());
      if (message.startsWith("more than " + limits.maxValues() + " values")) {
        throw new MalformedSafetensorsException(
            MalformedSafetensorsException.Reason.LIMIT_EXCEEDED, 8, "the header holds " + message);
      }
      throw header(8, "the JSON header is not valid: " + message);
    }
    if (!(root instanceof JsonValue.JsonObject object)) {
      throw header(8, "the JSON header is " + root.kind() + ", expected an object");
    }
    return new Builder(n, size - 8 - n).read(object);
  }

  private static MalformedSafetensorsException header(long offset, String message) {
    return new MalformedSafetensorsException(
        MalformedSafetensorsException.Reason.MALFORMED_HEADER, offset, message);
  }

  /** One read: the entries, then the layout. */
  private static final class Builder {
    private final long headerLength;
    private final long dataLength;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<SafetensorsFile.Tensor> tensors = new ArrayList<>();
    private final List<SafetensorsFile.Problem> problems = new ArrayList<>();

    /** Entries with readable offsets, valid or not, for the layout check. */
    private final List<SafetensorsFile.Tensor> placed = new ArrayList<>();

    Builder(long headerLength, long dataLength) {
      this.headerLength = headerLength;
      this.dataLength = dataLength;
    }

    SafetensorsFile read(JsonValue.JsonObject root) {
      for (Map.Entry<String, JsonValue> member : root.members().entrySet()) {
        if (member.getKey().equals("__metadata__")) {
          metadata(member.getValue());
        } else {
          tensor(member.getKey(), member.getValue());
        }
      }
      layout();
      return new SafetensorsFile(headerLength, dataLength, metadata, tensors, problems);
    }

    private void metadata(JsonValue value) {
      if (!(value instanceof JsonValue.JsonObject object)) {
        invalid("__metadata__", "__metadata__ is " + value.kind() + ", expected an object");
        return;
      }
      for (Map.Entry<String, JsonValue> entry : object.members().entrySet()) {
        if (entry.getValue() instanceof JsonValue.JsonString s) {
          metadata.put(entry.getKey(), s.value());
        } else {
          invalid(
              "__metadata__",
              "__metadata__ value "
                  + Untrusted.quote(entry.getKey())
                  + " is "
                  + entry.getValue().kind()
                  + "; the library accepts strings only");
        }
      }
    }

    private void tensor(String name, JsonValue value) {
      String quoted = "tensor " + Untrusted.quote(name);
      if (!(value instanceof JsonValue.JsonObject entry)) {
        invalid(name, quoted + " is " + value.kind() + ", expected an object");
        return;
      }
      Map<String, JsonValue> fields = entry.members();
      for (String key : fields.keySet()) {
        if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
          invalid(name, quoted + " has an unknown field " + Untrusted.quote(key));
        }
      }
      long[] offsets = integers(fields.get("data_offsets"));
      if (offsets == null || offsets.length != 2) {
        invalid(name, quoted + " has no data_offsets of two non-negative integers");
        return;
      }
      long begin = offsets[0];
      long end = offsets[1];
      if (end < begin) {
        invalid(name, quoted + " ends (" + end + ") before it begins (" + begin + ")");
        return;
      }
      String dtype = fields.get("dtype") instanceof JsonValue.JsonString s ? s.value() : "";
      long[] shape = integers(fields.get("shape"));
      List<Long> dims = new ArrayList<>();
      if (shape != null) {
        for (long d : shape) {
          dims.add(d);
        }
      }
      SafetensorsFile.Tensor tensor = new SafetensorsFile.Tensor(name, dtype, dims, begin, end);
      placed.add(tensor);
      Integer bits = DTYPE_BITS.get(dtype);
      if (bits == null) {
        invalid(name, quoted + " has an unknown dtype " + Untrusted.quote(dtype));
        return;
      }
      if (shape == null) {
        invalid(name, quoted + " has no shape of non-negative integers");
        return;
      }
      long totalBits;
      try {
        totalBits = bits;
        for (long d : shape) {
          totalBits = Math.multiplyExact(totalBits, d);
        }
      } catch (ArithmeticException e) {
        invalid(name, quoted + ": dtype size × shape overflows 64 bits");
        return;
      }
      if (totalBits % 8 != 0) {
        invalid(name, quoted + ": " + totalBits + " bits of data is not a whole number of bytes");
        return;
      }
      if (totalBits / 8 != end - begin) {
        invalid(
            name,
            quoted
                + " holds "
                + (end - begin)
                + " bytes but "
                + dtype
                + " × "
                + dims
                + " needs "
                + totalBits / 8);
        return;
      }
      tensors.add(tensor);
    }

    /** The layout after sorting by offsets: from 0, contiguous, within the buffer, covering it. */
    private void layout() {
      placed.sort(
          Comparator.comparingLong(SafetensorsFile.Tensor::begin)
              .thenComparingLong(SafetensorsFile.Tensor::end));
      long covered = 0;
      for (SafetensorsFile.Tensor t : placed) {
        String quoted = "tensor " + Untrusted.quote(t.name());
        if (t.end() > dataLength) {
          problems.add(
              new SafetensorsFile.Problem(
                  SafetensorsFile.Kind.BAD_LAYOUT,
                  8 + headerLength,
                  t.name(),
                  quoted
                      + " ends at byte "
                      + t.end()
                      + " of a data buffer of "
                      + dataLength
                      + " bytes"));
        }
        if (t.begin() < covered && t.end() > t.begin()) {
          problems.add(
              new SafetensorsFile.Problem(
                  SafetensorsFile.Kind.BAD_LAYOUT,
                  8 + headerLength + Math.min(t.begin(), dataLength),
                  t.name(),
                  quoted
                      + " (bytes "
                      + t.begin()
                      + ".."
                      + t.end()
                      + ") overlaps data before byte "
                      + covered));
        } else if (t.begin() > covered && covered < dataLength) {
          uncovered(covered, Math.min(t.begin(), dataLength), "before " + quoted);
        }
        covered = Math.max(covered, t.end());
      }
      if (covered < dataLength) {
        uncovered(covered, dataLength, "after the last tensor");
      }
    }

    private void uncovered(long from, long to, String where) {
      long absolute = 8 + headerLength + from;
      problems.add(
          new SafetensorsFile.Problem(
              SafetensorsFile.Kind.UNCOVERED_BYTES,
              absolute,
              "bytes " + absolute + ".." + (8 + headerLength + to),
              (to - from) + " bytes of the data buffer belong to no tensor (" + where + ")"));
    }

    private void invalid(String subject, String message) {
      problems.add(
          new SafetensorsFile.Problem(SafetensorsFile.Kind.INVALID_ENTRY, 8, subject, message));
    }
  }

  /** An array of non-negative integers written without fraction or exponent, or null. */
  private static long @Nullable [] integers(@Nullable JsonValue value) {
    if (!(value instanceof JsonValue.JsonArray array)) {
      return null;
    }
    long[] out = new long[array.items().size()];
    for (int i = 0; i < out.length; i++) {
      if (!(array.items().get(i) instanceof JsonValue.JsonNumber number)) {
        return null;
      }
      BigDecimal v = number.value();
      if (v.scale() != 0 || v.signum() < 0 || v.unscaledValue().bitLength() > 63) {
        return null;
      }
      out[i] = v.longValueExact();
    }
    return out;
  }

  private static Map<String, Integer> dtypes() {
    Map<String, Integer> bits = new java.util.HashMap<>();
    for (String d : List.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0")) {
      bits.put(d, 8);
    }
    bits.put("F8_E4M3FNUZ", 8);
    bits.put("F8_E5M2FNUZ", 8);
    bits.put("F4", 4);
    bits.put("F6_E2M3", 6);
    bits.put("F6_E3M2", 6);
    for (String d : List.of("I16", "U16", "F16", "BF16")) {
      bits.put(d, 16);
    }
    for (String d : List.of("I32", "U32", "F32")) {
      bits.put(d, 32);
    }
    for (String d : List.of("I64", "U64", "F64", "C64")) {
      bits.put(d, 64);
    }
    return Map.copyOf(bits);
  }
}
