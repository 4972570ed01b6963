package dev.custody.format.gguf;

import org.jspecify.annotations.Nullable;

/** The metadata value types of GGUF, by their ids in the file. */
public enum GgufType {
  UINT8(1),
  INT8(1),
  UINT16(2),
  INT16(2),
  UINT32(4),
  INT32(4),
  FLOAT32(4),
  BOOL(1),
  STRING(0),
  ARRAY(0),
  UINT64(8),
  INT64(8),
  FLOAT64(8);

  private final int size;

  GgufType(int size) {
    this.size = size;
  }

  /** Bytes of a value of this type; 0 for the variable-length STRING and ARRAY. */
  public int size() {
    return size;
  }

  /** The type with id {@code id}, or null when GGUF defines none. */
  public static @Nullable GgufType of(long id) {
    GgufType[] all = values();
    return id >= 0 && id < all.length ? all[(int) id] : null;
  }
}
