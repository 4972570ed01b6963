package dev.custody.format.pickle;

import dev.custody.format.pickle.MalformedPickleException.Reason;
import dev.custody.format.pickle.PickleEvent.AnomalyKind;
import dev.custody.format.pickle.Value.ContainerKind;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One symbolic run of the pickle machine over an input: stack, mark stack, memo and protocol as
 * {@code _pickle.c} keeps them, with every value replaced by a {@link Value} that records how it
 * was built. Runs every stacked pickle until the input ends, a limit is hit or the bytes are not a
 * pickle; whatever happened first is kept.
 */
final class PickleMachine {
  private static final int HIGHEST_PROTOCOL = 5;

  private final PickleInput in;
  private final Limits limits;
  private final List<PickleEvent> events = new ArrayList<>();
  private final List<Value> stack = new ArrayList<>();
  private int[] marks = new int[16];
  private int markCount;

  /** Memo slots below {@link #DENSE_MEMO} live in an array, as in C; the rare others in a map. */
  private static final int DENSE_MEMO = 1 << 20;

  private @Nullable Value[] memo = new Value[64];
  private final Map<Long, Value> sparseMemo = new HashMap<>();
  private int memoCount;

  // Heap kept for the values built, estimated as they are kept (Limits.maxKeptBytes): what a
  // container slot holding a fresh number, an event with the value it makes, a str of n bytes, and
  // a view of a bytes literal cost on a 64-bit JVM with compressed pointers, rounded up.
  private static final int ITEM_BYTES = 40;
  private static final int EVENT_BYTES = 96;
  private static final int TEXT_BYTES = 64;
  private static final int VIEW_BYTES = 64;

  private long keptBytes;
  private int protocol;
  private long opcodes;
  private long opcodesInPickle;
  private int pickles;
  private long end;
  private @Nullable Value result;
  private @Nullable MalformedPickleException failure;

  private final RawData raw;

  PickleMachine(ByteBuffer data, Limits limits, PickleInput.Reading reading, RawData raw) {
    this.in = new PickleInput(data, limits, reading);
    this.limits = limits;
    this.raw = raw;
  }

  /** Runs to the end of the input or the first failure. */
  PickleMachine run() {
    try {
      if (in.atEnd()) {
        throw new MalformedPickleException(
            Reason.TRUNCATED, 0, "the input is empty; a pickle holds at least one opcode and STOP");
      }
      while (!in.atEnd()) {
        startPickle();
        runOnePickle();
      }
    } catch (MalformedPickleException e) {
      failure = e;
    }
    return this;
  }

  long divergence() {
    return in.divergence();
  }

  List<PickleEvent> events() {
    return events;
  }

  int pickles() {
    return pickles;
  }

  long end() {
    return end;
  }

  @Nullable Value result() {
    return result;
  }

  @Nullable MalformedPickleException failure() {
    return failure;
  }

  private void startPickle() throws MalformedPickleException {
    if (pickles > 0) {
      if (pickles >= limits.maxPickles()) {
        throw limit("pickles in one input", limits.maxPickles(), "maxPickles");
      }
      record(
          new PickleEvent.Anomaly(
              in.position(),
              AnomalyKind.STACKED_PICKLE,
              "pickle number " + (pickles + 1) + " starts after the previous STOP"));
    }
    stack.clear();
    markCount = 0;
    memo = new Value[64];
    sparseMemo.clear();
    memoCount = 0;
    protocol = 0;
    opcodesInPickle = 0;
  }

  private void runOnePickle() throws MalformedPickleException {
    while (true) {
      int code = in.readOpcodeByte();
      Opcode op = Opcode.of(code);
      if (op == null) {
        throw new MalformedPickleException(
            Reason.INVALID_OPCODE,
            in.opcodeStart(),
            String.format(
                java.util.Locale.ROOT,
                "byte 0x%02x is not a pickle opcode (invalid load key); the loader stops here"
                    + " after running everything before it",
                code));
      }
      if (++opcodes > limits.maxOpcodes()) {
        throw limit("opcodes", limits.maxOpcodes(), "maxOpcodes");
      }
      opcodesInPickle++;
      if (op == Opcode.STOP) {
        stop();
        return;
      }
      step(op);
    }
  }

  private void step(Opcode op) throws MalformedPickleException {
    switch (op) {
      case MARK -> mark();
      case STOP -> throw new IllegalStateException("STOP is handled by runOnePickle");
      case POP -> pop0();
      case POP_MARK -> popMark();
      case DUP -> push(top());
      case FLOAT -> push(Value.Scalar.text(shortRepr(line())));
      case INT -> push(intLine(line()));
      case BININT -> push(Value.Scalar.integer(signed32(in.readLittleEndian(4))));
      case BININT1 -> push(Value.Scalar.integer(in.readU8()));
      case LONG -> push(Value.Scalar.text(shortRepr(stripL(line()))));
      case BININT2 -> push(Value.Scalar.integer(in.readLittleEndian(2)));
      case NONE -> push(Value.Scalar.NONE);
      case PERSID -> persistent(text(ValueText.latin1(line())));
      case BINPERSID -> persistent(pop());
      case REDUCE -> reduce();
      case STRING -> push(text(TextArguments.quoted(line(), in.opcodeStart())));
      case BINSTRING -> binstring(signedLength(4));
      case SHORT_BINSTRING -> binstring(in.readU8());
      case UNICODE -> push(text(TextArguments.rawUnicodeEscape(line(), in.opcodeStart())));
      case BINUNICODE -> unicode(in.readLittleEndian(4));
      case APPEND -> addTo(ContainerKind.LIST, List.of(pop()), op);
      case BUILD -> build();
      case GLOBAL -> push(global(op));
      case DICT -> push(dict(popToMark()));
      case EMPTY_DICT -> push(container(ContainerKind.DICT, List.of()));
      case APPENDS -> addTo(ContainerKind.LIST, popToMark(), op);
      case GET -> push(memoGet(decimal(line())));
      case BINGET -> push(memoGet(in.readU8()));
      case INST -> inst();
      case LONG_BINGET -> push(memoGet(in.readLittleEndian(4)));
      case LIST -> push(container(ContainerKind.LIST, popToMark()));
      case EMPTY_LIST -> push(container(ContainerKind.LIST, List.of()));
      case OBJ -> obj();
      case PUT -> memoPut(decimal(line()));
      case BINPUT -> memoPut(in.readU8());
      case LONG_BINPUT -> memoPut(in.readLittleEndian(4));
      case SETITEM -> setItems(pairOnTop(), op);
      case TUPLE -> push(container(ContainerKind.TUPLE, popToMark()));
      case EMPTY_TUPLE -> push(container(ContainerKind.TUPLE, List.of()));
      case SETITEMS -> setItems(popToMark(), op);
      case BINFLOAT -> push(Value.Scalar.floating(binfloat()));
      case PROTO -> proto(in.readU8());
      case NEWOBJ -> newobj(op, pop());
      case EXT1 -> extension(op, in.readU8());
      case EXT2 -> extension(op, in.readLittleEndian(2));
      case EXT4 -> extension(op, signed32(in.readLittleEndian(4)));
      case TUPLE1 -> push(container(ContainerKind.TUPLE, popN(1)));
      case TUPLE2 -> push(container(ContainerKind.TUPLE, popN(2)));
      case TUPLE3 -> push(container(ContainerKind.TUPLE, popN(3)));
      case NEWTRUE -> push(Value.Scalar.TRUE);
      case NEWFALSE -> push(Value.Scalar.FALSE);
      case LONG1 -> push(longBytes(in.readU8()));
      case LONG4 -> push(longBytes(signedLength(4)));
      case BINBYTES -> bytes(in.readLittleEndian(4));
      case SHORT_BINBYTES -> bytes(in.readU8());
      case SHORT_BINUNICODE -> unicode(in.readU8());
      case BINUNICODE8 -> unicode(in.readLittleEndian(8));
      case BINBYTES8, BYTEARRAY8 -> bytes(in.readLittleEndian(8));
      case EMPTY_SET -> push(container(ContainerKind.SET, List.of()));
      case ADDITEMS -> addTo(ContainerKind.SET, popToMark(), op);
      case FROZENSET -> push(container(ContainerKind.FROZENSET, popToMark()));
      case NEWOBJ_EX -> newobjEx(op);
      case STACK_GLOBAL -> stackGlobal();
      case MEMOIZE -> memoPut(memoCount);
      case FRAME -> in.frame(in.readLittleEndian(8));
      case NEXT_BUFFER -> push(new Value.Buffer(in.opcodeStart()));
      case READONLY_BUFFER -> top();
    }
  }

  // --- stack and marks -------------------------------------------------------------------

  private int fence() {
    return markCount == 0 ? 0 : marks[markCount - 1];
  }

  private void push(Value value) throws MalformedPickleException {
    if (stack.size() + markCount >= limits.maxStackDepth()) {
      throw limit("objects and marks on the stack", limits.maxStackDepth(), "maxStackDepth");
    }
    if (value.depth() > limits.maxNesting()) {
      throw limit("levels of nesting", limits.maxNesting(), "maxNesting");
    }
    stack.add(value);
  }

  private Value pop() throws MalformedPickleException {
    if (stack.size() <= fence()) {
      throw underflow();
    }
    return stack.remove(stack.size() - 1);
  }

  private Value top() throws MalformedPickleException {
    if (stack.size() <= fence()) {
      throw underflow();
    }
    return stack.get(stack.size() - 1);
  }

  private List<Value> popN(int n) throws MalformedPickleException {
    if (stack.size() - fence() < n) {
      throw underflow();
    }
    List<Value> items = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
    stack.subList(stack.size() - n, stack.size()).clear();
    return items;
  }

  private void mark() throws MalformedPickleException {
    if (stack.size() + markCount >= limits.maxStackDepth()) {
      throw limit("objects and marks on the stack", limits.maxStackDepth(), "maxStackDepth");
    }
    if (markCount == marks.length) {
      marks = java.util.Arrays.copyOf(marks, marks.length * 2);
    }
    marks[markCount++] = stack.size();
  }

  /** Pops everything above the topmost mark, and the mark. */
  private List<Value> popToMark() throws MalformedPickleException {
    if (markCount == 0) {
      throw new MalformedPickleException(
          Reason.STACK_UNDERFLOW,
          in.opcodeStart(),
          "an opcode needs a MARK but none is on the stack (could not find MARK); the file is"
              + " broken or crafted");
    }
    int height = marks[--markCount];
    List<Value> items = new ArrayList<>(stack.subList(height, stack.size()));
    stack.subList(height, stack.size()).clear();
    return items;
  }

  /** POP removes the top object, or the mark itself when a mark is on top (C load_pop). */
  private void pop0() throws MalformedPickleException {
    if (stack.size() > fence()) {
      stack.remove(stack.size() - 1);
    } else if (markCount > 0) {
      markCount--;
    } else {
      throw underflow();
    }
  }

  private void popMark() throws MalformedPickleException {
    popToMark();
  }

  private List<Value> pairOnTop() throws MalformedPickleException {
    Value value = pop();
    Value key = pop();
    return List.of(key, value);
  }

  private void stop() throws MalformedPickleException {
    result = pop();
    pickles++;
    end = in.position();
    if (!stack.isEmpty() || markCount > 0) {
      record(
          new PickleEvent.Anomaly(
              in.opcodeStart(),
              AnomalyKind.DISCARDED_OBJECTS,
              stack.size() + " object(s) and " + markCount + " mark(s) left on the stack"));
    }
  }

  // --- memo ------------------------------------------------------------------------------

  private void memoPut(long index) throws MalformedPickleException {
    if (index < 0) {
      throw new MalformedPickleException(
          Reason.INVALID_ARGUMENT,
          in.opcodeStart(),
          "negative memo index " + index + "; the loader refuses it");
    }
    Value value = top();
    if (memoLookup(index) == null) {
      if (memoCount >= limits.maxMemoEntries()) {
        throw limit("memo entries", limits.maxMemoEntries(), "maxMemoEntries");
      }
      memoCount++;
    }
    if (index < DENSE_MEMO) {
      int slot = (int) index;
      if (slot >= memo.length) {
        memo =
            java.util.Arrays.copyOf(
                memo, Math.min(DENSE_MEMO, Math.max(slot + 1, memo.length * 2)));
      }
      memo[slot] = value;
    } else {
      sparseMemo.put(index, value);
    }
  }

  private @Nullable Value memoLookup(long index) {
    if (index < DENSE_MEMO) {
      return index < memo.length ? memo[(int) index] : null;
    }
    return sparseMemo.get(index);
  }

  private Value memoGet(long index) throws MalformedPickleException {
    Value value = index < 0 ? null : memoLookup(index);
    if (value == null) {
      throw new MalformedPickleException(
          Reason.MEMO_MISSING,
          in.opcodeStart(),
          "memo value not found at index " + index + "; the file is broken or crafted");
    }
    return value;
  }

  // --- literals --------------------------------------------------------------------------

  private byte[] line() throws MalformedPickleException {
    return in.readLine(limits.maxLineLength());
  }

  private long signedLength(int width) throws MalformedPickleException {
    long n = signed32(in.readLittleEndian(width));
    if (n < 0) {
      throw new MalformedPickleException(
          Reason.INVALID_ARGUMENT,
          in.opcodeStart(),
          "negative byte count " + n + " in a length-prefixed argument; the loader refuses it");
    }
    return n;
  }

  private void binstring(long length) throws MalformedPickleException {
    byte[] kept = in.readArgument(length, limits.maxRetainedLiteral());
    push(kept == null ? new Value.LargeLiteral(true, length) : text(ValueText.latin1(kept)));
  }

  private void unicode(long length) throws MalformedPickleException {
    byte[] kept = in.readArgument(length, limits.maxRetainedLiteral());
    push(
        kept == null
            ? new Value.LargeLiteral(true, length)
            : text(TextArguments.lenientUtf8(kept)));
  }

  private void bytes(long length) throws MalformedPickleException {
    ByteBuffer kept = in.readBulk(length, limits.maxRetainedLiteral());
    keep(VIEW_BYTES);
    push(kept == null ? new Value.LargeLiteral(false, length) : new Value.Bytes(kept));
  }

  private Value.Scalar longBytes(long length) throws MalformedPickleException {
    byte[] kept = in.readArgument(length, 8);
    if (kept == null) {
      return Value.Scalar.text("<int of " + length + " bytes>");
    }
    return kept.length == 0
        ? Value.Scalar.integer(0)
        : Value.Scalar.integer(new java.math.BigInteger(reverse(kept)).longValue());
  }

  private double binfloat() throws MalformedPickleException {
    byte[] b = in.readArgument(8);
    return ByteBuffer.wrap(b).getDouble();
  }

  /**
   * A 4-byte little-endian field read as a signed int (BININT, EXT4, BINSTRING and LONG4 counts).
   */
  private static long signed32(long unsigned) {
    return unsigned >= 0x8000_0000L ? unsigned - 0x1_0000_0000L : unsigned;
  }

  private static byte[] reverse(byte[] littleEndian) {
    byte[] out = new byte[littleEndian.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = littleEndian[littleEndian.length - 1 - i];
    }
    return out;
  }

  private static Value.Scalar intLine(byte[] line) {
    String text = ValueText.latin1(line).strip();
    return switch (text) {
      case "00" -> Value.Scalar.FALSE;
      case "01" -> Value.Scalar.TRUE;
      default -> Value.Scalar.text(shortRepr(line));
    };
  }

  private static byte[] stripL(byte[] line) {
    return line.length > 0 && line[line.length - 1] == 'L'
        ? java.util.Arrays.copyOf(line, line.length - 1)
        : line;
  }

  private static String shortRepr(byte[] line) {
    String text = ValueText.latin1(line).strip();
    return text.length() > 40 ? "<number of " + text.length() + " digits>" : Untrusted.escape(text);
  }

  private long decimal(byte[] line) throws MalformedPickleException {
    String text = ValueText.latin1(line).strip();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new MalformedPickleException(
          Reason.INVALID_ARGUMENT,
          in.opcodeStart(),
          "memo index "
              + Untrusted.quote(text)
              + " is not a decimal number; the loader refuses it");
    }
  }

  // --- containers ------------------------------------------------------------------------

  private Value.Container container(ContainerKind kind, List<Value> items)
      throws MalformedPickleException {
    keep(ITEM_BYTES * (items.size() + 1L));
    Value.Container c = new Value.Container(kind, items);
    if (c.depth() > limits.maxNesting()) {
      throw limit("levels of nesting", limits.maxNesting(), "maxNesting");
    }
    return c;
  }

  private Value.Container dict(List<Value> items) throws MalformedPickleException {
    requireEven(items);
    return container(ContainerKind.DICT, items);
  }

  private void requireEven(List<Value> items) throws MalformedPickleException {
    if (items.size() % 2 != 0) {
      throw new MalformedPickleException(
          Reason.INVALID_ARGUMENT,
          in.opcodeStart(),
          "odd number of items for a dict (" + items.size() + "); the loader refuses it");
    }
  }

  private void setItems(List<Value> items, Opcode op) throws MalformedPickleException {
    requireEven(items);
    addTo(ContainerKind.DICT, items, op);
  }

  /**
   * APPEND(S), SETITEM(S), ADDITEMS: into a container of {@code kind} the pickle built, or else a
   * call of the target's own method, recorded as a mutation. The items are kept either way.
   */
  private void addTo(ContainerKind kind, List<Value> items, Opcode op)
      throws MalformedPickleException {
    Value target = top();
    keep(ITEM_BYTES * (long) items.size());
    if (target instanceof Value.Container c && c.kind() == kind) {
      c.add(items);
    } else {
      record(new PickleEvent.Mutation(in.opcodeStart(), op, target, items));
    }
  }

  // --- globals, calls, state --------------------------------------------------------------

  private void proto(int version) throws MalformedPickleException {
    if (version > HIGHEST_PROTOCOL) {
      throw new MalformedPickleException(
          Reason.INVALID_ARGUMENT,
          in.opcodeStart(),
          "unsupported pickle protocol " + version + " (CPython reads 0 to 5)");
    }
    if (opcodesInPickle > 1) {
      record(
          new PickleEvent.Anomaly(
              in.opcodeStart(),
              AnomalyKind.LATE_PROTOCOL,
              "PROTO " + version + " after " + (opcodesInPickle - 1) + " opcode(s)"));
    }
    protocol = version;
  }

  private Value.Global global(Opcode op) throws MalformedPickleException {
    long at = in.opcodeStart();
    String module = TextArguments.strictUtf8(line(), at);
    String name = TextArguments.strictUtf8(line(), at);
    return resolve(op, at, module, name);
  }

  private Value.Global resolve(Opcode op, long at, String module, String name)
      throws MalformedPickleException {
    String[] resolved =
        protocol < 3 ? CompatNames.get().resolve(module, name) : new String[] {module, name};
    Value.Global global = new Value.Global(resolved[0], resolved[1], at);
    record(new PickleEvent.Import(at, op, global, module + "." + name, protocol));
    return global;
  }

  private void stackGlobal() throws MalformedPickleException {
    Value name = pop();
    Value module = pop();
    long at = in.opcodeStart();
    if (module instanceof Value.Text m && name instanceof Value.Text n) {
      push(resolve(Opcode.STACK_GLOBAL, at, m.text(), n.text()));
      return;
    }
    Value.ComputedName computed = new Value.ComputedName(module, name, at);
    record(new PickleEvent.ComputedImport(at, computed));
    push(computed);
  }

  private void extension(Opcode op, long code) throws MalformedPickleException {
    if (code <= 0) {
      throw new MalformedPickleException(
          Reason.INVALID_ARGUMENT,
          in.opcodeStart(),
          op + " specifies extension code " + code + " (must be positive); the loader refuses it");
    }
    record(new PickleEvent.ExtensionLookup(in.opcodeStart(), op, code));
    push(new Value.Extension(code, in.opcodeStart()));
  }

  private void call(Opcode op, Value callable, Value arguments) throws MalformedPickleException {
    long at = in.opcodeStart();
    record(new PickleEvent.Call(at, op, callable, arguments));
    push(new Value.CallResult(callable, arguments, at));
  }

  private void reduce() throws MalformedPickleException {
    Value arguments = pop();
    Value callable = pop();
    call(Opcode.REDUCE, callable, arguments);
  }

  private void inst() throws MalformedPickleException {
    Value.Global cls = global(Opcode.INST);
    call(Opcode.INST, cls, container(ContainerKind.TUPLE, popToMark()));
  }

  private void obj() throws MalformedPickleException {
    List<Value> items = popToMark();
    if (items.isEmpty()) {
      throw underflow();
    }
    call(Opcode.OBJ, items.get(0), container(ContainerKind.TUPLE, items.subList(1, items.size())));
  }

  private void newobj(Opcode op, Value arguments) throws MalformedPickleException {
    Value cls = pop();
    call(op, cls, arguments);
  }

  private void newobjEx(Opcode op) throws MalformedPickleException {
    Value keywords = pop();
    Value arguments = pop();
    Value cls = pop();
    call(op, cls, container(ContainerKind.TUPLE, List.of(arguments, keywords)));
  }

  private void build() throws MalformedPickleException {
    Value state = pop();
    Value target = top();
    PickleEvent.SetState build = new PickleEvent.SetState(in.opcodeStart(), target, state);
    record(build);
    long rawBytes =
        raw.after(build, java.util.Collections.unmodifiableList(events), in.input(), in.position());
    if (rawBytes > 0) {
      in.skipRaw(rawBytes);
    }
  }

  private void persistent(Value id) throws MalformedPickleException {
    record(new PickleEvent.PersistentLoad(in.opcodeStart(), id));
    push(new Value.Persistent(id, in.opcodeStart()));
  }

  // --- the kept-heap budget -----------------------------------------------------------------

  private void record(PickleEvent event) throws MalformedPickleException {
    keep(EVENT_BYTES);
    events.add(event);
  }

  /** A str literal, kept as a Java string: up to two bytes a character. */
  private Value.Text text(String text) throws MalformedPickleException {
    keep(TEXT_BYTES + 2L * text.length());
    return new Value.Text(text);
  }

  private void keep(long bytes) throws MalformedPickleException {
    keptBytes += bytes;
    if (keptBytes > limits.maxKeptBytes()) {
      throw new MalformedPickleException(
          Reason.LIMIT_EXCEEDED,
          in.opcodeStart(),
          "the values built so far would keep more than "
              + (limits.maxKeptBytes() >> 20)
              + " MiB of memory (Limits.maxKeptBytes; about a million numbers or strings in lists,"
              + " dicts and tuples); everything before this offset was judged, the rest was not");
    }
  }

  // --- errors ----------------------------------------------------------------------------

  private MalformedPickleException underflow() {
    return new MalformedPickleException(
        Reason.STACK_UNDERFLOW,
        in.opcodeStart(),
        "unpickling stack underflow: an opcode needs more objects than the stack holds above the"
            + " last MARK; the file is broken or crafted");
  }

  private MalformedPickleException limit(String what, long limit, String field) {
    return new MalformedPickleException(
        Reason.LIMIT_EXCEEDED,
        in.opcodeStart(),
        "more than "
            + limit
            + " "
            + what
            + " (Limits."
            + field
            + "); raise the limit if the file is a genuine large model");
  }
}
