package dev.custody.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a pickle opcode by opcode, so tests can build every technique an attacker uses (memo
 * indirection, STACK_GLOBAL from computed strings, frames that split an opcode...) with harmless
 * marker payloads. Nothing here runs anything; the bytes are only ever read by custody.
 *
 * <pre>{@code
 * byte[] evil = PickleBuilder.create().proto(2).global("os", "system")
 *     .shortBinUnicode(PickleBuilder.MARKER).tuple1().reduce().stop().bytes();
 * }</pre>
 */
public final class PickleBuilder {
  /** A harmless shell command used as the payload of malicious fixtures. */
  public static final String MARKER = "echo custody-test-marker";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private PickleBuilder() {}

  /** An empty pickle. */
  public static PickleBuilder create() {
    return new PickleBuilder();
  }

  /** The bytes written so far. */
  public byte[] bytes() {
    return out.toByteArray();
  }

  /** Current length, e.g. to compute a FRAME length or a memo-relative offset. */
  public int length() {
    return out.size();
  }

  // --- raw ---------------------------------------------------------------------------------

  /** Any byte, opcode or not. */
  public PickleBuilder op(int code) {
    out.write(code);
    return this;
  }

  /** Raw bytes as given. */
  public PickleBuilder raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** Appends another builder's bytes (e.g. a second, stacked pickle). */
  public PickleBuilder then(PickleBuilder other) {
    return raw(other.bytes());
  }

  private PickleBuilder le(long value, int width) {
    for (int i = 0; i < width; i++) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
    return this;
  }

  private PickleBuilder line(String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
    return this;
  }

  // --- structure ---------------------------------------------------------------------------

  public PickleBuilder proto(int version) {
    return op(0x80).op(version);
  }

  public PickleBuilder frame(long length) {
    return op(0x95).le(length, 8);
  }

  public PickleBuilder stop() {
    return op('.');
  }

  public PickleBuilder mark() {
    return op('(');
  }

  public PickleBuilder pop() {
    return op('0');
  }

  public PickleBuilder popMark() {
    return op('1');
  }

  public PickleBuilder dup() {
    return op('2');
  }

  // --- literals ----------------------------------------------------------------------------

  public PickleBuilder none() {
    return op('N');
  }

  public PickleBuilder newTrue() {
    return op(0x88);
  }

  public PickleBuilder newFalse() {
    return op(0x89);
  }

  /** INT with its decimal text, protocol 0. */
  public PickleBuilder int0(long value) {
    return op('I').line(Long.toString(value));
  }

  public PickleBuilder binInt1(int value) {
    return op('K').op(value);
  }

  public PickleBuilder binInt(int value) {
    return op('J').le(value, 4);
  }

  /** STRING with a Python 2 quoted literal, e.g. {@code "'posix'"}; written as given. */
  public PickleBuilder string(String quoted) {
    return op('S').line(quoted);
  }

  /** UNICODE, protocol 0 raw-unicode-escape text (ASCII written as is). */
  public PickleBuilder unicode(String text) {
    return op('V').line(text);
  }

  public PickleBuilder binString(String latin1) {
    byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
    return op('T').le(b.length, 4).raw(b);
  }

  public PickleBuilder shortBinString(String latin1) {
    byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
    return op('U').op(b.length).raw(b);
  }

  public PickleBuilder binUnicode(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return op('X').le(b.length, 4).raw(b);
  }

  public PickleBuilder shortBinUnicode(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return op(0x8c).op(b.length).raw(b);
  }

  public PickleBuilder binUnicode8(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return op(0x8d).le(b.length, 8).raw(b);
  }

  public PickleBuilder shortBinBytes(byte[] b) {
    return op('C').op(b.length).raw(b);
  }

  public PickleBuilder binBytes(byte[] b) {
    return op('B').le(b.length, 4).raw(b);
  }

  public PickleBuilder binBytes8(byte[] b) {
    return op(0x8e).le(b.length, 8).raw(b);
  }

  public PickleBuilder byteArray8(byte[] b) {
    return op(0x96).le(b.length, 8).raw(b);
  }

  // --- containers --------------------------------------------------------------------------

  public PickleBuilder emptyTuple() {
    return op(')');
  }

  public PickleBuilder tuple() {
    return op('t');
  }

  public PickleBuilder tuple1() {
    return op(0x85);
  }

  public PickleBuilder tuple2() {
    return op(0x86);
  }

  public PickleBuilder tuple3() {
    return op(0x87);
  }

  public PickleBuilder emptyList() {
    return op(']');
  }

  public PickleBuilder list() {
    return op('l');
  }

  public PickleBuilder append() {
    return op('a');
  }

  public PickleBuilder appends() {
    return op('e');
  }

  public PickleBuilder emptyDict() {
    return op('}');
  }

  public PickleBuilder dict() {
    return op('d');
  }

  public PickleBuilder setItem() {
    return op('s');
  }

  public PickleBuilder setItems() {
    return op('u');
  }

  public PickleBuilder emptySet() {
    return op(0x8f);
  }

  public PickleBuilder addItems() {
    return op(0x90);
  }

  // --- memo --------------------------------------------------------------------------------

  public PickleBuilder put(int index) {
    return op('p').line(Integer.toString(index));
  }

  public PickleBuilder binPut(int index) {
    return op('q').op(index);
  }

  public PickleBuilder longBinPut(long index) {
    return op('r').le(index, 4);
  }

  public PickleBuilder memoize() {
    return op(0x94);
  }

  public PickleBuilder get(int index) {
    return op('g').line(Integer.toString(index));
  }

  public PickleBuilder binGet(int index) {
    return op('h').op(index);
  }

  public PickleBuilder longBinGet(long index) {
    return op('j').le(index, 4);
  }

  // --- globals and calls -------------------------------------------------------------------

  /** GLOBAL: {@code c module\nname\n}. */
  public PickleBuilder global(String module, String name) {
    return op('c').line(module).line(name);
  }

  /** INST: {@code i module\nname\n}, calls the class with the items above the last MARK. */
  public PickleBuilder inst(String module, String name) {
    return op('i').line(module).line(name);
  }

  public PickleBuilder stackGlobal() {
    return op(0x93);
  }

  /** STACK_GLOBAL of two SHORT_BINUNICODE literals. */
  public PickleBuilder stackGlobal(String module, String name) {
    return shortBinUnicode(module).shortBinUnicode(name).stackGlobal();
  }

  public PickleBuilder reduce() {
    return op('R');
  }

  public PickleBuilder build() {
    return op('b');
  }

  public PickleBuilder obj() {
    return op('o');
  }

  public PickleBuilder newObj() {
    return op(0x81);
  }

  public PickleBuilder newObjEx() {
    return op(0x92);
  }

  public PickleBuilder ext1(int code) {
    return op(0x82).op(code);
  }

  public PickleBuilder ext2(int code) {
    return op(0x83).le(code, 2);
  }

  public PickleBuilder ext4(int code) {
    return op(0x84).le(code, 4);
  }

  public PickleBuilder persId(String id) {
    return op('P').line(id);
  }

  public PickleBuilder binPersId() {
    return op('Q');
  }

  public PickleBuilder nextBuffer() {
    return op(0x97);
  }

  /**
   * The classic payload, protocol 0 text: {@code module.name(argument)} via GLOBAL, MARK, STRING,
   * TUPLE, REDUCE.
   */
  public PickleBuilder call0(String module, String name, String argument) {
    return global(module, name).mark().string("'" + argument + "'").tuple().reduce();
  }

  /** {@code module.name(argument)} via STACK_GLOBAL, SHORT_BINUNICODE, TUPLE1, REDUCE. */
  public PickleBuilder call4(String module, String name, String argument) {
    return stackGlobal(module, name).shortBinUnicode(argument).tuple1().reduce();
  }
}
