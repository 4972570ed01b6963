package dev.custody.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes protobuf messages in the wire format, field by field, for fixtures of protobuf-based model
 * formats. Fields are written in the order given, so tests can repeat or reorder them as an
 * attacker would.
 */
public final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private ProtoWriter() {}

  /** An empty message. */
  public static ProtoWriter create() {
    return new ProtoWriter();
  }

  /** A varint field (wire type 0). */
  public ProtoWriter varint(int field, long value) {
    tag(field, 0);
    raw(value);
    return this;
  }

  /** A length-delimited field holding {@code value}. */
  public ProtoWriter bytes(int field, byte[] value) {
    tag(field, 2);
    raw(value.length);
    out.writeBytes(value);
    return this;
  }

  /** A string field (UTF-8). */
  public ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A nested message field. */
  public ProtoWriter message(int field, ProtoWriter message) {
    return bytes(field, message.toBytes());
  }

  /** A map entry field {@code {1: key, 2: value}} with a message value. */
  public ProtoWriter entry(int field, String key, ProtoWriter value) {
    return message(field, create().string(1, key).message(2, value));
  }

  /** The message's bytes. */
  public byte[] toBytes() {
    return out.toByteArray();
  }

  private void tag(int field, int wireType) {
    raw(((long) field << 3) | wireType);
  }

  private void raw(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
