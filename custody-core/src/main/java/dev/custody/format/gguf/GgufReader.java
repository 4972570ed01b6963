package dev.custody.format.gguf;

import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a GGUF file's header, metadata and tensor descriptions, never its tensor data. Lengths and
 * counts are read as unsigned 64-bit values and compared with the bytes present before anything is
 * allocated; sizes are computed with checked arithmetic. What llama.cpp's reference reader ({@code
 * gguf_init_from_file_impl}) refuses but a reader can read past (version 1, nested arrays,
 * duplicate keys and tensor names, dimensions over 4, unknown tensor types, misaligned or
 * out-of-order offsets, data past the end) is reported as a {@link GgufFile.Problem}; what no
 * reader can read past stops reading with a {@link MalformedGgufException} inside the returned
 * file.
 */
public final class GgufReader {
  private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
  private static final int DEFAULT_ALIGNMENT = 32;
  private static final int MAX_DIMS = 4;
  private static final int MAX_NAME = 64;

  /** Block size and bytes per block of each ggml type id; 0 where the id is unused. */
  private static final int[][] GGML_TYPES = {
    {1, 4},
    {1, 2},
    {32, 18},
    {32, 20},
    {0, 0},
    {0, 0},
    {32, 22},
    {32, 24},
    {32, 34},
    {32, 36},
    {256, 84},
    {256, 110},
    {256, 144},
    {256, 176},
    {256, 210},
    {256, 292},
    {256, 66},
    {256, 74},
    {256, 98},
    {256, 50},
    {32, 18},
    {256, 110},
    {256, 82},
    {256, 136},
    {1, 1},
    {1, 2},
    {1, 4},
    {1, 8},
    {1, 8},
    {256, 56},
    {1, 2},
    {0, 0},
    {0, 0},
    {0, 0},
    {256, 54},
    {256, 66},
    {0, 0},
    {0, 0},
    {0, 0},
    {32, 17}
  };

  private final ByteBuffer in;
  private final long fileSize;
  private final GgufLimits limits;
  private final List<GgufFile.KeyValue> keyValues = new ArrayList<>();
  private final List<GgufFile.TensorInfo> tensors = new ArrayList<>();
  private final List<GgufFile.Problem> problems = new ArrayList<>();
  private long version;
  private boolean bigEndian;
  private int pos;

  private GgufReader(ByteBuffer in, long fileSize, GgufLimits limits) {
    this.in = in;
    this.fileSize = fileSize;
    this.limits = limits;
  }

  /** Reads the whole file in {@code data} (position to limit); the buffer is untouched. */
  public static GgufFile read(ByteBuffer data, GgufLimits limits) {
    return read(data, data.remaining(), limits);
  }

  /**
   * Reads a file of {@code fileSize} bytes whose first bytes are in {@code prefix}: enough for the
   * metadata and tensor descriptions (a few megabytes), not the tensor data of a many-gigabyte
   * model. If the descriptions run past the prefix, reading stops with {@link
   * MalformedGgufException.Reason#LIMIT_EXCEEDED}.
   */
  public static GgufFile read(ByteBuffer prefix, long fileSize, GgufLimits limits) {
    if (fileSize < prefix.remaining()) {
      throw new IllegalArgumentException("the prefix is longer than the file");
    }
    GgufReader reader =
        new GgufReader(prefix.slice().order(ByteOrder.LITTLE_ENDIAN), fileSize, limits);
    MalformedGgufException failure = null;
    try {
      reader.file();
    } catch (MalformedGgufException e) {
      failure = e;
    }
    return new GgufFile(
        reader.version,
        reader.bigEndian,
        reader.keyValues,
        reader.tensors,
        reader.problems,
        failure);
  }

  private void file() throws MalformedGgufException {
    need(8, "the GGUF magic and version");
    if (in.getInt(0) != MAGIC) {
      throw malformed(0, "the file does not start with the GGUF magic 'GGUF'");
    }
    long v = Integer.toUnsignedLong(in.getInt(4));
    if ((v & 0xFFFF) == 0 && v != 0) {
      in.order(ByteOrder.BIG_ENDIAN);
      bigEndian = true;
      v = Integer.toUnsignedLong(in.getInt(4));
    }
    version = v;
    if (v < 1 || v > 3) {
      throw malformed(4, "version " + v + " is not a GGUF version (1 to 3)");
    }
    if (v == 1) {
      problem(
          4,
          "version",
          "GGUF version 1 is no longer read by llama.cpp (\"GGUFv1 is no longer supported\")");
    }
    pos = 8;
    long tensorCount = count("tensor count");
    long kvCount = count("metadata count");
    // Each pair and each description takes at least 9 and 20 bytes: refuse counts the file cannot
    // hold.
    if (kvCount > (fileSize - pos) / 9 || tensorCount > (fileSize - pos) / 20) {
      throw malformed(
          8,
          "the counts ("
              + tensorCount
              + " tensors, "
              + kvCount
              + " metadata pairs) cannot fit in the "
              + (fileSize - pos)
              + " bytes that follow");
    }
    if (kvCount > limits.maxKeyValues()) {
      throw limit(16, kvCount + " metadata pairs, more than the limit of " + limits.maxKeyValues());
    }
    if (tensorCount > limits.maxTensors()) {
      throw limit(8, tensorCount + " tensors, more than the limit of " + limits.maxTensors());
    }
    Set<String> keys = new HashSet<>();
    long alignment = DEFAULT_ALIGNMENT;
    for (long i = 0; i < kvCount; i++) {
      int at = pos;
      String key = string("a metadata key").value();
      long typeId = u32();
      GgufType type = GgufType.of(typeId);
      if (type == null) {
        throw malformed(
            pos - 4, "metadata " + Untrusted.quote(key) + " has unknown type " + typeId);
      }
      GgufValue value = value(type, 0);
      keyValues.add(new GgufFile.KeyValue(key, value, at));
      if (key.isEmpty()) {
        problem(at, key, "a metadata key is empty");
      }
      if (!keys.add(key)) {
        problem(
            at,
            key,
            "metadata key "
                + Untrusted.quote(key)
                + " appears twice; readers disagree on which value counts");
      }
      if (key.equals("general.alignment")) {
        if (value instanceof GgufValue.Scalar s
            && type == GgufType.UINT32
            && s.bits() > 0
            && Long.bitCount(s.bits()) == 1) {
          alignment = s.bits();
        } else {
          problem(at, key, "general.alignment must be a UINT32 power of two");
        }
      }
    }
    Set<String> names = new HashSet<>();
    for (long i = 0; i < tensorCount; i++) {
      tensorInfo(names);
    }
    layout(alignment);
  }

  private void tensorInfo(Set<String> names) throws MalformedGgufException {
    int at = pos;
    GgufValue.Text name = string("a tensor name");
    String quoted = "tensor " + Untrusted.quote(name.value());
    if (name.length() >= MAX_NAME) {
      problem(
          at,
          name.value(),
          quoted
              + " has a name of "
              + name.length()
              + " bytes; llama.cpp allows "
              + (MAX_NAME - 1));
    }
    if (!names.add(name.value())) {
      problem(at, name.value(), quoted + " is described twice");
    }
    long nDims = u32();
    if (nDims > MAX_DIMS) {
      throw malformed(
          pos - 4, quoted + " has " + nDims + " dimensions; GGUF allows at most " + MAX_DIMS);
    }
    List<Long> dims = new ArrayList<>();
    for (int d = 0; d < nDims; d++) {
      long ne = version == 1 ? u32() : u64();
      if (ne < 0) {
        throw malformed(
            pos - 8, quoted + " has a dimension of " + Long.toUnsignedString(ne) + ", above 2^63");
      }
      dims.add(ne);
    }
    long type = u32();
    long offset = u64();
    tensors.add(new GgufFile.TensorInfo(name.value(), dims, type, offset, at));
  }

  /** Data section start, each tensor's size, alignment and order, and what follows the last. */
  private void layout(long alignment) {
    long dataStart = align(pos, alignment);
    long expected = 0;
    for (GgufFile.TensorInfo t : tensors) {
      String quoted = "tensor " + Untrusted.quote(t.name());
      long size = nbytes(t, quoted);
      if (size < 0) {
        continue;
      }
      if (t.dataOffset() < 0 || t.dataOffset() % alignment != 0) {
        problem(
            t.offset(),
            t.name(),
            quoted
                + " has data offset "
                + Long.toUnsignedString(t.dataOffset())
                + ", not a multiple of the alignment "
                + alignment);
      } else if (t.dataOffset() != expected) {
        problem(
            t.offset(),
            t.name(),
            quoted
                + " has data offset "
                + t.dataOffset()
                + " where the reference reader expects "
                + expected
                + " (tensors in order, no gaps)");
      }
      long end = dataStart + t.dataOffset() + size;
      if (t.dataOffset() < 0 || end < 0 || end > fileSize) {
        problem(
            t.offset(),
            t.name(),
            quoted
                + " has data up to byte "
                + Long.toUnsignedString(end)
                + " of a "
                + fileSize
                + "-byte file");
        return;
      }
      expected = Math.max(expected, align(t.dataOffset() + size, alignment));
    }
    long end = tensors.isEmpty() ? align(pos, alignment) : dataStart + expected;
    if (end < fileSize) {
      problems.add(
          new GgufFile.Problem(
              GgufFile.Kind.TRAILING_BYTES,
              end,
              "bytes " + end + ".." + fileSize,
              (fileSize - end)
                  + " bytes follow the end of the last tensor's data; no GGUF reader reads them"));
    }
  }

  /** The tensor's size in bytes, or -1 after reporting why it has none. */
  private long nbytes(GgufFile.TensorInfo t, String quoted) {
    long type = t.ggmlType();
    if (type < 0 || type >= GGML_TYPES.length || GGML_TYPES[(int) type][0] == 0) {
      problem(t.offset(), t.name(), quoted + " has unknown ggml type " + type);
      return -1;
    }
    int block = GGML_TYPES[(int) type][0];
    long size = GGML_TYPES[(int) type][1];
    try {
      for (int d = 0; d < t.dims().size(); d++) {
        long ne = t.dims().get(d);
        if (d == 0) {
          if (ne % block != 0) {
            problem(
                t.offset(),
                t.name(),
                quoted
                    + " has first dimension "
                    + ne
                    + ", not a multiple of its type's block size "
                    + block);
            return -1;
          }
          ne /= block;
        }
        size = Math.multiplyExact(size, ne);
      }
      if (t.dims().isEmpty()) {
        size = 0;
      }
      Math.addExact(size, Math.max(0, t.dataOffset()));
      return size;
    } catch (ArithmeticException e) {
      problem(t.offset(), t.name(), quoted + ": its size in bytes overflows 64 bits");
      return -1;
    }
  }

  private static long align(long value, long alignment) {
    long rem = value % alignment;
    return rem == 0 ? value : value + (alignment - rem);
  }

  private GgufValue value(GgufType type, int depth) throws MalformedGgufException {
    return switch (type) {
      case STRING -> string("a string value");
      case ARRAY -> array(depth);
      case UINT8, INT8, BOOL -> scalar(type, 1);
      case UINT16, INT16 -> scalar(type, 2);
      case UINT32, INT32, FLOAT32 -> scalar(type, 4);
      case UINT64, INT64, FLOAT64 -> scalar(type, 8);
    };
  }

  private GgufValue scalar(GgufType type, int size) throws MalformedGgufException {
    need(size, "a " + type + " value");
    long bits =
        switch (size) {
          case 1 -> type == GgufType.INT8 ? in.get(pos) : Byte.toUnsignedLong(in.get(pos));
          case 2 ->
              type == GgufType.INT16 ? in.getShort(pos) : Short.toUnsignedLong(in.getShort(pos));
          case 4 ->
              type == GgufType.FLOAT32
                  ? Double.doubleToRawLongBits(Float.intBitsToFloat(in.getInt(pos)))
                  : type == GgufType.INT32
                      ? in.getInt(pos)
                      : Integer.toUnsignedLong(in.getInt(pos));
          default -> in.getLong(pos);
        };
    if (type == GgufType.BOOL && bits > 1) {
      problem(pos, "bool", "a BOOL value is " + bits + ", not 0 or 1");
    }
    pos += size;
    return new GgufValue.Scalar(type, bits);
  }

  private GgufValue array(int depth) throws MalformedGgufException {
    int at = pos;
    if (depth + 1 > limits.maxNesting()) {
      throw limit(at, "arrays nest more than " + limits.maxNesting() + " deep");
    }
    long typeId = u32();
    GgufType elementType = GgufType.of(typeId);
    if (elementType == null) {
      throw malformed(at, "an array has unknown element type " + typeId);
    }
    if (elementType == GgufType.ARRAY) {
      problem(at, "array", "an array holds arrays; llama.cpp's reader refuses nested arrays");
    }
    long count = version == 1 ? u32() : u64();
    if (count < 0 || count > limits.maxArrayElements()) {
      throw limit(
          at,
          "an array has "
              + Long.toUnsignedString(count)
              + " elements, more than the limit of "
              + limits.maxArrayElements());
    }
    List<GgufValue> retained = new ArrayList<>();
    if (elementType.size() > 0) {
      long bytes = Math.multiplyExact(count, elementType.size());
      if (bytes > in.limit() - pos) {
        throw past(
            at, "an array of " + count + " " + elementType + " values (" + bytes + " bytes)");
      }
      for (long i = 0; i < Math.min(count, limits.maxRetainedElements()); i++) {
        retained.add(value(elementType, depth + 1));
      }
      pos = at + 12 - (version == 1 ? 4 : 0) + (int) bytes;
      return new GgufValue.Array(elementType, count, retained);
    }
    for (long i = 0; i < count; i++) {
      GgufValue v = value(elementType, depth + 1);
      if (i < limits.maxRetainedElements()) {
        retained.add(v);
      }
    }
    return new GgufValue.Array(elementType, count, retained);
  }

  private GgufValue.Text string(String what) throws MalformedGgufException {
    int at = pos;
    long length = version == 1 ? u32() : u64();
    if (length < 0 || length > limits.maxStringBytes()) {
      if (length >= 0 && length <= in.limit() - pos) {
        throw limit(
            at,
            what + " of " + length + " bytes, longer than the limit of " + limits.maxStringBytes());
      }
      throw malformed(
          at,
          what + " claims " + Long.toUnsignedString(length) + " bytes, past the end of the file");
    }
    if (length > in.limit() - pos) {
      throw past(at, what + " of " + length + " bytes");
    }
    int n = (int) length;
    String text = "";
    boolean retained = n <= limits.maxRetainedString();
    if (retained) {
      byte[] bytes = new byte[n];
      in.get(pos, bytes);
      text = new String(bytes, StandardCharsets.UTF_8);
    }
    pos += n;
    return new GgufValue.Text(text, length, retained);
  }

  private long count(String what) throws MalformedGgufException {
    long value = version == 1 ? u32() : u64();
    if (value < 0) {
      throw malformed(
          pos - 8, "the " + what + " is " + Long.toUnsignedString(value) + ", above 2^63");
    }
    return value;
  }

  private long u32() throws MalformedGgufException {
    need(4, "a 4-byte number");
    long v = Integer.toUnsignedLong(in.getInt(pos));
    pos += 4;
    return v;
  }

  private long u64() throws MalformedGgufException {
    need(8, "an 8-byte number");
    long v = in.getLong(pos);
    pos += 8;
    return v;
  }

  private void need(long bytes, String what) throws MalformedGgufException {
    if (bytes > in.limit() - pos) {
      throw past(pos, what);
    }
  }

  /** Past the bytes given: the end of the file, or only of the prefix handed in. */
  private MalformedGgufException past(int at, String what) {
    if (in.limit() < fileSize) {
      return limit(at, what + " runs past the first " + in.limit() + " bytes given to the reader");
    }
    return malformed(at, what + " runs past the end of the file (" + fileSize + " bytes)");
  }

  private void problem(long offset, String subject, String message) {
    problems.add(
        new GgufFile.Problem(GgufFile.Kind.REJECTED_BY_REFERENCE, offset, subject, message));
  }

  private static MalformedGgufException malformed(long offset, String message) {
    return new MalformedGgufException(MalformedGgufException.Reason.MALFORMED, offset, message);
  }

  private static MalformedGgufException limit(long offset, String message) {
    return new MalformedGgufException(
        MalformedGgufException.Reason.LIMIT_EXCEEDED, offset, message);
  }
}
