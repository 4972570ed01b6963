package dev.custody.format.pickle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the symbolic pickle machine holds on its stack and in its memo: a literal, a container, an
 * imported global, or the unknown result of a call. Nothing here is a Python object; a value only
 * records how it was built. {@code toString()} is bounded, whatever the value (values may be
 * cyclic, since lists and dicts can be filled after they are memoized).
 */
public sealed interface Value
    permits Value.Text,
        Value.Bytes,
        Value.LargeLiteral,
        Value.Scalar,
        Value.Container,
        Value.Global,
        Value.ComputedName,
        Value.CallResult,
        Value.Persistent,
        Value.Extension,
        Value.Buffer {

  /** How deeply other values are nested inside this one when it was built; literals are 0. */
  int depth();

  /**
   * A str literal; protocol 0/1 STRING and BINSTRING are decoded as Latin-1, which is what the
   * unpickler's default ASCII decoding yields for every stream it accepts.
   *
   * @param text the string
   */
  record Text(String text) implements Value {
    @Override
    public int depth() {
      return 0;
    }

    @Override
    public String toString() {
      return ValueText.describe(this);
    }
  }

  /**
   * A bytes or bytearray literal whose content was kept: a read-only view of the input, not a copy,
   * so a pickle of large arrays costs no heap for their data.
   */
  final class Bytes implements Value {
    private final ByteBuffer content;

    Bytes(ByteBuffer content) {
      this.content = content.asReadOnlyBuffer();
    }

    /** A copy of the content. */
    public byte[] content() {
      return head(content.remaining());
    }

    /** Length in bytes. */
    public int length() {
      return content.remaining();
    }

    /** The first {@code n} bytes, or all of them. */
    byte[] head(int n) {
      byte[] out = new byte[Math.min(n, content.remaining())];
      content.get(content.position(), out);
      return out;
    }

    @Override
    public int depth() {
      return 0;
    }

    @Override
    public String toString() {
      return ValueText.describe(this);
    }
  }

  /**
   * A str or bytes literal longer than {@link Limits#maxRetainedLiteral()}: only its size is kept.
   *
   * @param text true for str, false for bytes
   * @param length length in bytes as written
   */
  record LargeLiteral(boolean text, long length) implements Value {
    @Override
    public int depth() {
      return 0;
    }

    @Override
    public String toString() {
      return ValueText.describe(this);
    }
  }

  /**
   * A number, boolean or None. Its printed form is made only when asked for: pickles of arrays hold
   * millions of floats that nobody reads.
   */
  final class Scalar implements Value {
    static final Scalar NONE = new Scalar("None");
    static final Scalar TRUE = new Scalar("True");
    static final Scalar FALSE = new Scalar("False");

    private final Object value;

    private Scalar(Object value) {
      this.value = value;
    }

    static Scalar text(String repr) {
      return new Scalar(repr);
    }

    static Scalar integer(long value) {
      return new Scalar(value);
    }

    static Scalar floating(double value) {
      return new Scalar(value);
    }

    /** The value as Python would print it (large integers are summarised). */
    public String repr() {
      return value instanceof Double d ? Double.toString(d) : value.toString();
    }

    @Override
    public int depth() {
      return 0;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Scalar s && s.repr().equals(repr());
    }

    @Override
    public int hashCode() {
      return repr().hashCode();
    }

    @Override
    public String toString() {
      return repr();
    }
  }

  /** The kinds of container a pickle builds directly. */
  enum ContainerKind {
    TUPLE,
    LIST,
    DICT,
    SET,
    FROZENSET
  }

  /**
   * A tuple, list, dict, set or frozenset built by the pickle. Lists, dicts and sets grow as later
   * opcodes add to them; a dict's items alternate key, value.
   */
  final class Container implements Value {
    private final ContainerKind kind;
    private final List<Value> items;
    private final int depth;

    Container(ContainerKind kind, List<Value> items) {
      this.kind = kind;
      this.items = new ArrayList<>(items);
      int deepest = 0;
      for (Value item : items) {
        deepest = Math.max(deepest, item.depth());
      }
      this.depth = 1 + deepest;
    }

    /** What kind of container. */
    public ContainerKind kind() {
      return kind;
    }

    /** The items so far (dicts: key, value, key, value ...). */
    public List<Value> items() {
      return Collections.unmodifiableList(items);
    }

    void add(List<Value> more) {
      items.addAll(more);
    }

    @Override
    public int depth() {
      return depth;
    }

    @Override
    public String toString() {
      return ValueText.describe(this);
    }
  }

  /**
   * A global looked up by name from literal text (GLOBAL, INST, STACK_GLOBAL of two str literals),
   * after the protocol-2 renames ({@code __builtin__} to {@code builtins} ...).
   *
   * @param module the module imported
   * @param name the attribute looked up; dotted when it walks attributes (protocol 4+)
   * @param offset byte offset of the opcode that made it
   */
  record Global(String module, String name, long offset) implements Value {
    /** {@code module.name}. */
    public String qualifiedName() {
      return module + "." + name;
    }

    @Override
    public int depth() {
      return 0;
    }

    @Override
    public String toString() {
      return qualifiedName();
    }
  }

  /**
   * A global whose module or name is not a str literal (STACK_GLOBAL of values computed while
   * loading, such as the result of a call): what is imported is decided at load time.
   */
  final class ComputedName implements Value {
    private final Value module;
    private final Value name;
    private final long offset;
    private final int depth;

    ComputedName(Value module, Value name, long offset) {
      this.module = module;
      this.name = name;
      this.offset = offset;
      this.depth = 1 + Math.max(module.depth(), name.depth());
    }

    /** The module operand as found on the stack. */
    public Value module() {
      return module;
    }

    /** The name operand as found on the stack. */
    public Value name() {
      return name;
    }

    /** Byte offset of the STACK_GLOBAL. */
    public long offset() {
      return offset;
    }

    @Override
    public int depth() {
      return depth;
    }

    @Override
    public String toString() {
      return ValueText.describe(this);
    }
  }

  /** The unknown object a call returns (REDUCE, INST, OBJ, NEWOBJ, NEWOBJ_EX). */
  final class CallResult implements Value {
    private final Value callable;
    private final Value arguments;
    private final long offset;
    private final int depth;

    CallResult(Value callable, Value arguments, long offset) {
      this.callable = callable;
      this.arguments = arguments;
      this.offset = offset;
      this.depth = 1 + Math.max(callable.depth(), arguments.depth());
    }

    /** What was called. */
    public Value callable() {
      return callable;
    }

    /** The argument tuple (NEWOBJ_EX: a tuple of the argument tuple and the keyword dict). */
    public Value arguments() {
      return arguments;
    }

    /** Byte offset of the calling opcode. */
    public long offset() {
      return offset;
    }

    @Override
    public int depth() {
      return depth;
    }

    @Override
    public String toString() {
      return ValueText.describe(this);
    }
  }

  /** What the loader's {@code persistent_load} returns for an id (PERSID, BINPERSID). */
  final class Persistent implements Value {
    private final Value id;
    private final long offset;
    private final int depth;

    Persistent(Value id, long offset) {
      this.id = id;
      this.offset = offset;
      this.depth = 1 + id.depth();
    }

    /** The persistent id. */
    public Value id() {
      return id;
    }

    /** Byte offset of the opcode. */
    public long offset() {
      return offset;
    }

    @Override
    public int depth() {
      return depth;
    }

    @Override
    public String toString() {
      return ValueText.describe(this);
    }
  }

  /**
   * A global named by a copyreg extension code (EXT1/2/4): which one depends on the loading
   * process's registry, unknown to a scanner.
   *
   * @param code the extension code
   * @param offset byte offset of the opcode
   */
  record Extension(long code, long offset) implements Value {
    @Override
    public int depth() {
      return 0;
    }

    @Override
    public String toString() {
      return "<extension code " + code + ">";
    }
  }

  /**
   * An out-of-band buffer (NEXT_BUFFER), supplied by the caller of {@code pickle.loads}.
   *
   * @param offset byte offset of the opcode
   */
  record Buffer(long offset) implements Value {
    @Override
    public int depth() {
      return 0;
    }

    @Override
    public String toString() {
      return "<out-of-band buffer>";
    }
  }
}
