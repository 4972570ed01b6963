package dev.custody.model;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: signed bytes, signatures and DER encodings travel as this type so no
 * one can change them after they were checked, and so records holding them compare by content.
 */
public final class Bytes {
  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static Bytes copyOf(byte[] bytes) {
    return new Bytes(bytes.clone());
  }

  /** A fresh copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The length and the first bytes in hex, for debugging; never the whole content. */
  @Override
  public String toString() {
    int shown = Math.min(bytes.length, 8);
    return bytes.length
        + " bytes ("
        + HexFormat.of().formatHex(bytes, 0, shown)
        + (shown < bytes.length ? "..." : "")
        + ")";
  }
}
