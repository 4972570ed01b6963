package dev.custody.format.pickle;

import java.util.List;

/**
 * Something loading the pickle would do, in stream order: import a global, call something, write
 * state into an object, ask the host for an object. Each event names the opcode and byte offset
 * that causes it. These are facts about the bytes; rules in {@code dev.custody.scan} judge them.
 */
public sealed interface PickleEvent
    permits PickleEvent.Import,
        PickleEvent.ComputedImport,
        PickleEvent.ExtensionLookup,
        PickleEvent.Call,
        PickleEvent.SetState,
        PickleEvent.Mutation,
        PickleEvent.PersistentLoad,
        PickleEvent.Anomaly {

  /** Byte offset of the opcode, from the start of the input. */
  long offset();

  /**
   * GLOBAL, INST or STACK_GLOBAL with literal names: the loader imports {@code global.module()}
   * (running its top-level code) and looks up {@code global.name()}.
   *
   * @param offset byte offset of the opcode
   * @param opcode GLOBAL, INST or STACK_GLOBAL
   * @param global the resolved global (after protocol-2 renames)
   * @param written the names as written in the stream, {@code module.name}
   * @param protocol the protocol in force (4 and up resolve dotted names attribute by attribute)
   */
  record Import(long offset, Opcode opcode, Value.Global global, String written, int protocol)
      implements PickleEvent {}

  /**
   * STACK_GLOBAL whose module or name is not a str literal: computed while loading.
   *
   * @param offset byte offset of the opcode
   * @param name the computed global
   */
  record ComputedImport(long offset, Value.ComputedName name) implements PickleEvent {}

  /**
   * EXT1/EXT2/EXT4: a global named by the loading process's copyreg registry.
   *
   * @param offset byte offset of the opcode
   * @param opcode which EXT opcode
   * @param code the extension code
   */
  record ExtensionLookup(long offset, Opcode opcode, long code) implements PickleEvent {}

  /**
   * A call: REDUCE ({@code f(*args)}), INST and OBJ ({@code cls(*args)}), NEWOBJ and NEWOBJ_EX
   * ({@code cls.__new__(cls, *args, **kwargs)}).
   *
   * @param offset byte offset of the opcode
   * @param opcode the calling opcode
   * @param callable what is called
   * @param arguments the argument tuple (NEWOBJ_EX: a 2-tuple of argument tuple and keyword dict)
   */
  record Call(long offset, Opcode opcode, Value callable, Value arguments) implements PickleEvent {}

  /**
   * BUILD: {@code target.__setstate__(state)} if the target has one, else its attributes are set
   * from the state.
   *
   * @param offset byte offset of the opcode
   * @param target the object whose state is set
   * @param state the state
   */
  record SetState(long offset, Value target, Value state) implements PickleEvent {}

  /**
   * APPEND(S), SETITEM(S) or ADDITEMS on something that is not a list, dict or set the pickle built
   * itself: the loader calls the target's {@code append}/{@code extend}, {@code __setitem__} or
   * {@code add}.
   *
   * @param offset byte offset of the opcode
   * @param opcode the opcode
   * @param target the object mutated
   * @param items what is added (for SETITEM(S): key, value, key, value ...)
   */
  record Mutation(long offset, Opcode opcode, Value target, List<Value> items)
      implements PickleEvent {
    /** Copies the items. */
    public Mutation {
      items = List.copyOf(items);
    }
  }

  /**
   * PERSID/BINPERSID: the loader's {@code persistent_load(id)} supplies an object (PyTorch uses it
   * for tensor storages).
   *
   * @param offset byte offset of the opcode
   * @param id the persistent id
   */
  record PersistentLoad(long offset, Value id) implements PickleEvent {}

  /** Structural oddities that real pickle writers do not produce. */
  enum AnomalyKind {
    /**
     * An opcode straddles the end of a FRAME: CPython reading from an unbuffered file (torch's
     * {@code data.pkl}, {@code io.BytesIO}) skips the rest of the frame, a linear reader does not,
     * so the two see different opcodes. The reader reports both readings.
     */
    FRAME_DIVERGENCE,
    /** PROTO somewhere other than the first opcode of a pickle. */
    LATE_PROTOCOL,
    /** STOP left objects on the stack: their values, often call results, are thrown away. */
    DISCARDED_OBJECTS,
    /** Another pickle follows the first one in the same input. */
    STACKED_PICKLE
  }

  /**
   * A structural oddity.
   *
   * @param offset byte offset of the opcode
   * @param kind which oddity
   * @param detail a short description for people
   */
  record Anomaly(long offset, AnomalyKind kind, String detail) implements PickleEvent {}
}
