package dev.custody.testkit;

import java.io.ByteArrayOutputStream;

/**
 * Checkpoints in torch's oldest format (torch &lt; 0.4; torch.load still reads them): a tar with
 * {@code sys_info}, {@code pickle}, {@code storages} and {@code tensors} members, laid out as
 * {@code torch.serialization._legacy_load}'s tar path reads them. {@link #stateDict()} holds one
 * float tensor {@code w = [0, 1, 2, 3]} (torch 1.13's torch.load reads it back). The builder's
 * parts can be replaced to put marker payloads where torch unpickles them.
 */
public final class LegacyTorchTar {
  /** The storage key and tensor key the benign parts use. */
  static final int STORAGE_KEY = 1;

  static final int TENSOR_KEY = 2;

  private byte[] sysInfo = sysInfoPickle();
  private byte[] object = objectPickle();
  private byte[] storages = storagesRecord(count(1), storageArgs(), storageViews());
  private byte[] tensors = tensorsRecord(count(1), tensorArgs());

  private LegacyTorchTar() {}

  /** The benign checkpoint's parts. */
  public static LegacyTorchTar stateDict() {
    return new LegacyTorchTar();
  }

  /** Replaces the {@code pickle} member. */
  public LegacyTorchTar object(byte[] pickle) {
    this.object = pickle.clone();
    return this;
  }

  /** Replaces the {@code storages} member. */
  public LegacyTorchTar storages(byte[] record) {
    this.storages = record.clone();
    return this;
  }

  /** Replaces the {@code tensors} member. */
  public LegacyTorchTar tensors(byte[] record) {
    this.tensors = record.clone();
    return this;
  }

  /** The tar, members in the order torch 0.3 wrote them. */
  public byte[] bytes() {
    return TarBuilder.create()
        .file("sys_info", sysInfo)
        .file("pickle", object)
        .file("storages", storages)
        .file("tensors", tensors)
        .bytes();
  }

  /** A count pickle: {@code n} at protocol 2. */
  public static byte[] count(int n) {
    return PickleBuilder.create().proto(2).binInt(n).stop().bytes();
  }

  /** {@code (1, 'cpu', torch.FloatStorage)}: storage key, location, storage type. */
  public static byte[] storageArgs() {
    return PickleBuilder.create()
        .proto(2)
        .binInt(STORAGE_KEY)
        .binUnicode("cpu")
        .global("torch", "FloatStorage")
        .tuple3()
        .stop()
        .bytes();
  }

  /** The empty list of storage views. */
  public static byte[] storageViews() {
    return PickleBuilder.create().proto(2).emptyList().stop().bytes();
  }

  /**
   * A storages record: the count, then per storage its arguments pickle, an int64 element count (4)
   * and four float32 values; then the views pickle.
   */
  public static byte[] storagesRecord(byte[] count, byte[] args, byte[] views) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(count);
    out.writeBytes(args);
    le(out, 4, 8);
    for (int i = 0; i < 4; i++) {
      le(out, Float.floatToIntBits(i), 4);
    }
    out.writeBytes(views);
    return out.toByteArray();
  }

  /** {@code (2, 1, torch.FloatTensor)}: tensor key, storage key, tensor type. */
  public static byte[] tensorArgs() {
    return PickleBuilder.create()
        .proto(2)
        .binInt(TENSOR_KEY)
        .binInt(STORAGE_KEY)
        .global("torch", "FloatTensor")
        .tuple3()
        .stop()
        .bytes();
  }

  /**
   * A tensors record: the count, then per given arguments pickle the binary header of a 1-d tensor
   * of 4 elements (ndim, padding, size, stride, offset).
   */
  public static byte[] tensorsRecord(byte[] count, byte[]... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(count);
    for (byte[] one : args) {
      out.writeBytes(one);
      le(out, 1, 4);
      le(out, 0, 4);
      le(out, 4, 8);
      le(out, 1, 8);
      le(out, 0, 8);
    }
    return out.toByteArray();
  }

  /** {@code {'w': <tensor 2>}}: the object, its tensor by persistent id (protocol 0 PERSID). */
  static byte[] objectPickle() {
    return PickleBuilder.create()
        .proto(2)
        .emptyDict()
        .binUnicode("w")
        .persId(Integer.toString(TENSOR_KEY))
        .setItem()
        .stop()
        .bytes();
  }

  /** What torch 0.3 wrote as sys_info (torch never reads it back). */
  static byte[] sysInfoPickle() {
    return PickleBuilder.create()
        .proto(2)
        .emptyDict()
        .binUnicode("protocol_version")
        .binInt(1001)
        .setItem()
        .binUnicode("little_endian")
        .newTrue()
        .setItem()
        .stop()
        .bytes();
  }

  private static void le(ByteArrayOutputStream out, long value, int width) {
    for (int i = 0; i < width; i++) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }
}
