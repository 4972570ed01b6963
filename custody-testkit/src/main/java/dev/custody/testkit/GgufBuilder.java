package dev.custody.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes GGUF files (version 3, little-endian) field by field, so tests can build real-looking
 * models and every malformation an attacker uses. Values are written exactly as given: counts,
 * lengths and offsets can lie.
 *
 * <pre>{@code
 * byte[] gguf = GgufBuilder.create().string("tokenizer.chat_template", template)
 *     .tensor("w", GgufBuilder.F32, 4, 4).bytes();
 * }</pre>
 */
public final class GgufBuilder {
  /** ggml type F32. */
  public static final int F32 = 0;

  /** ggml type F16. */
  public static final int F16 = 1;

  /** ggml type Q8_0 (blocks of 32 elements, 34 bytes). */
  public static final int Q8_0 = 8;

  private final ByteArrayOutputStream kvs = new ByteArrayOutputStream();
  private final List<long[]> tensorDims = new ArrayList<>();
  private final List<String> tensorNames = new ArrayList<>();
  private final List<Integer> tensorTypes = new ArrayList<>();
  private int kvCount;
  private long version = 3;
  private int alignment = 32;

  private GgufBuilder() {}

  /** An empty model. */
  public static GgufBuilder create() {
    return new GgufBuilder();
  }

  /** Writes another version number. */
  public GgufBuilder version(long value) {
    this.version = value;
    return this;
  }

  /** A string value. */
  public GgufBuilder string(String key, String value) {
    key(key, 8);
    str(kvs, value);
    return this;
  }

  /** A UINT32 value ({@code general.alignment} also sets the alignment used for tensors). */
  public GgufBuilder uint32(String key, int value) {
    key(key, 4);
    kvs.writeBytes(le(4).putInt(value).array());
    if (key.equals("general.alignment")) {
      alignment = value;
    }
    return this;
  }

  /** An array of strings. */
  public GgufBuilder strings(String key, String... values) {
    key(key, 9);
    kvs.writeBytes(le(4).putInt(8).array());
    kvs.writeBytes(le(8).putLong(values.length).array());
    for (String v : values) {
      str(kvs, v);
    }
    return this;
  }

  /** A pair whose type and value bytes are written raw. */
  public GgufBuilder raw(String key, int type, byte[] value) {
    key(key, type);
    kvs.writeBytes(value);
    return this;
  }

  /** A tensor described and stored in order, aligned, with zero data. */
  public GgufBuilder tensor(String name, int ggmlType, long... dims) {
    tensorNames.add(name);
    tensorTypes.add(ggmlType);
    tensorDims.add(dims.clone());
    return this;
  }

  /** The file: header, metadata, tensor descriptions, padding, tensor data. */
  public byte[] bytes() {
    return bytes(new byte[0]);
  }

  /** The file with {@code trailing} appended after the last tensor. */
  public byte[] bytes(byte[] trailing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(headerBytes());
    out.writeBytes(new byte[Math.toIntExact(dataLength())]);
    out.writeBytes(trailing);
    return out.toByteArray();
  }

  /**
   * The file up to its tensor data: header, metadata, tensor descriptions, padding. Followed by
   * {@link #dataLength()} bytes (for example a hole in a sparse file) it is the whole file.
   */
  public byte[] headerBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(le(4).putInt((int) version).array());
    out.writeBytes(le(8).putLong(tensorNames.size()).array());
    out.writeBytes(le(8).putLong(kvCount).array());
    out.writeBytes(kvs.toByteArray());
    long offset = 0;
    for (int i = 0; i < tensorNames.size(); i++) {
      str(out, tensorNames.get(i));
      long[] dims = tensorDims.get(i);
      out.writeBytes(le(4).putInt(dims.length).array());
      for (long d : dims) {
        out.writeBytes(le(8).putLong(d).array());
      }
      out.writeBytes(le(4).putInt(tensorTypes.get(i)).array());
      out.writeBytes(le(8).putLong(offset).array());
      offset += pad(tensorBytes(i));
    }
    if (!tensorNames.isEmpty()) {
      out.writeBytes(new byte[(int) (pad(out.size()) - out.size())]);
    }
    return out.toByteArray();
  }

  /** How many bytes of tensor data follow {@link #headerBytes()}, each tensor padded. */
  public long dataLength() {
    long total = 0;
    for (int i = 0; i < tensorNames.size(); i++) {
      total += pad(tensorBytes(i));
    }
    return total;
  }

  private long tensorBytes(int i) {
    long elements = 1;
    for (long d : tensorDims.get(i)) {
      elements *= d;
    }
    return switch (tensorTypes.get(i)) {
      case F32 -> elements * 4;
      case F16 -> elements * 2;
      case Q8_0 -> elements / 32 * 34;
      default -> elements;
    };
  }

  private long pad(long n) {
    return (n + alignment - 1) / alignment * alignment;
  }

  private void key(String key, int type) {
    kvCount++;
    str(kvs, key);
    kvs.writeBytes(le(4).putInt(type).array());
  }

  private static void str(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(le(8).putLong(b.length).array());
    out.writeBytes(b);
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
