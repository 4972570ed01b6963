package dev.custody.format.legacytorch;

import dev.custody.format.pickle.Limits;
import dev.custody.format.pickle.PickleProgram;
import dev.custody.format.pickle.PickleReader;
import dev.custody.format.pickle.Value;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks one member of a legacy tar checkpoint as {@code torch.serialization._legacy_load}'s tar
 * path ({@code legacy_load}) reads it, one {@code pickle.load} at a time:
 *
 * <ul>
 *   <li>{@code storages}: a count; per storage a pickle {@code (key, location, storage_type)}, a
 *       little-endian int64 element count and that many elements of the type's size; then one
 *       pickle of storage views.
 *   <li>{@code tensors}: a count; per tensor a pickle {@code (key, storage_id, type)}, an int32
 *       dimension count, 4 padding bytes, sizes and strides (int64 each) and an int64 offset.
 *   <li>{@code pickle}: one pickle (the object; its persistent ids name the tensors above).
 * </ul>
 *
 * Counts and storage types come from the pickles' results and must be literals: torch acts on the
 * values the pickles build, and a value custody cannot know (a call's result) stops the walk with a
 * problem. Bytes after what torch reads are ignored, as torch ignores them. Bounded by the member's
 * size and {@link #MAX_ITEMS}; total and thread-safe.
 */
public final class TarCheckpointRecord {
  /** Storages or tensors followed per member; real checkpoints have thousands at most. */
  public static final int MAX_ITEMS = 1_000_000;

  /** Dimensions per tensor; torch tensors have at most 64. */
  static final int MAX_DIMENSIONS = 64;

  /** pickle.load reads exactly one pickle. */
  private static final Limits ONE_PICKLE = Limits.DEFAULT.withMaxPickles(1);

  /**
   * Element sizes by storage type name. torch's unpickler maps any global whose name is one of
   * these to the storage type, whatever its module ({@code find_class} in {@code _legacy_load}).
   */
  private static final Map<String, Integer> ELEMENT_SIZES =
      Map.ofEntries(
          Map.entry("DoubleStorage", 8),
          Map.entry("FloatStorage", 4),
          Map.entry("HalfStorage", 2),
          Map.entry("LongStorage", 8),
          Map.entry("IntStorage", 4),
          Map.entry("ShortStorage", 2),
          Map.entry("CharStorage", 1),
          Map.entry("ByteStorage", 1),
          Map.entry("BoolStorage", 1),
          Map.entry("BFloat16Storage", 2),
          Map.entry("ComplexDoubleStorage", 16),
          Map.entry("ComplexFloatStorage", 8),
          Map.entry("QUInt8Storage", 1),
          Map.entry("QInt8Storage", 1),
          Map.entry("QInt32Storage", 4),
          Map.entry("QUInt4x2Storage", 1),
          Map.entry("QUInt2x4Storage", 1));

  /** The members torch's tar loader reads, by name. */
  public enum Kind {
    /** {@code storages}. */
    STORAGES,
    /** {@code tensors}. */
    TENSORS,
    /** {@code pickle}. */
    PICKLE;

    /** The member name torch extracts ({@code tar.extract('storages')} and so on). */
    public String memberName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind of the member named exactly {@code name}, if torch reads it. */
    public static Optional<Kind> of(String name) {
      for (Kind kind : values()) {
        if (kind.memberName().equals(name)) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * One pickle torch reads.
   *
   * @param offset where it starts in the member
   * @param program what reading it found
   */
  public record Piece(long offset, PickleProgram program) {}

  /**
   * The walk of one member.
   *
   * @param pieces the pickles, in the order torch reads them
   * @param problem why the walk stopped before torch would, if it did (the layout is not what torch
   *     reads, so where later pickles start is unknown)
   */
  public record Walk(List<Piece> pieces, Optional<String> problem) {
    /** Copies the list. */
    public Walk {
      pieces = List.copyOf(pieces);
    }
  }

  private final ByteBuffer member;
  private final List<Piece> pieces = new ArrayList<>();
  private int at;

  private TarCheckpointRecord(ByteBuffer member) {
    this.member = member.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Walks {@code member} (position to limit; the buffer is untouched) as a {@code kind} record. */
  public static Walk read(ByteBuffer member, Kind kind) {
    TarCheckpointRecord walk = new TarCheckpointRecord(member);
    try {
      switch (kind) {
        case STORAGES -> walk.storages();
        case TENSORS -> walk.tensors();
        case PICKLE -> walk.next();
      }
      return new Walk(walk.pieces, Optional.empty());
    } catch (Stop stop) {
      return new Walk(walk.pieces, Optional.ofNullable(stop.problem));
    }
  }

  private void storages() throws Stop {
    long count = count(next(), "storages");
    for (long i = 0; i < count; i++) {
      PickleProgram args = next();
      int size = elementSize(args.result().orElse(null), i);
      long numel = int64("element count of storage " + i);
      if (numel < 0 || numel > (member.limit() - at) / size) {
        throw new Stop(
            "storage "
                + i
                + " declares "
                + numel
                + " elements of "
                + size
                + " bytes, more than the "
                + (member.limit() - at)
                + " bytes left in the record");
      }
      at += (int) (numel * size);
    }
    next(); // the storage views
  }

  private void tensors() throws Stop {
    long count = count(next(), "tensors");
    for (long i = 0; i < count; i++) {
      next();
      int ndim = bytes(4, "dimension count of tensor " + i).getInt();
      if (ndim < 0 || ndim > MAX_DIMENSIONS) {
        throw new Stop("tensor " + i + " has " + ndim + " dimensions; torch tensors have 0 to 64");
      }
      bytes(4 + 16L * ndim + 8, "sizes, strides and offset of tensor " + i);
    }
  }

  /**
   * The next pickle, read as pickle.load reads one; a broken pickle ends the walk (torch's too).
   */
  private PickleProgram next() throws Stop {
    if (at >= member.limit()) {
      throw new Stop("the record ends where torch reads another pickle");
    }
    ByteBuffer rest = member.slice(at, member.limit() - at);
    PickleProgram first = PickleReader.read(rest, ONE_PICKLE);
    if (first.pickles() < 1 || first.end() <= 0) {
      // The piece carries the failure, which the pickle scan reports; torch's load fails there.
      pieces.add(new Piece(at, first));
      throw new Stop(null);
    }
    // Read again up to its STOP only, so bytes after it are not a failure of this pickle.
    PickleProgram program = PickleReader.read(rest.slice(0, (int) first.end()), Limits.DEFAULT);
    pieces.add(new Piece(at, program));
    at += (int) first.end();
    return program;
  }

  private static long count(PickleProgram program, String what) throws Stop {
    Value value = program.result().orElse(null);
    Long count = integer(value);
    if (count == null || count < 0 || count > MAX_ITEMS) {
      throw new Stop(
          "the number of "
              + what
              + " is "
              + (value == null ? "missing" : "not a literal integer from 0 to " + MAX_ITEMS)
              + " ("
              + value
              + ")");
    }
    return count;
  }

  private static @org.jspecify.annotations.Nullable Long integer(
      @org.jspecify.annotations.Nullable Value value) {
    if (!(value instanceof Value.Scalar scalar)) {
      return null;
    }
    try {
      return Long.parseLong(scalar.repr());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int elementSize(@org.jspecify.annotations.Nullable Value args, long index)
      throws Stop {
    if (args instanceof Value.Container tuple
        && tuple.kind() == Value.ContainerKind.TUPLE
        && tuple.items().size() == 3
        && tuple.items().get(2) instanceof Value.Global type) {
      Integer size = ELEMENT_SIZES.get(type.name());
      if (size != null) {
        return size;
      }
    }
    throw new Stop(
        "storage "
            + index
            + " is described by "
            + args
            + ", not (key, location, <a torch storage type>)");
  }

  private long int64(String what) throws Stop {
    return bytes(8, what).getLong();
  }

  private ByteBuffer bytes(long count, String what) throws Stop {
    if (count > member.limit() - at) {
      throw new Stop("the record ends inside the " + what);
    }
    ByteBuffer out = member.slice(at, (int) count).order(ByteOrder.LITTLE_ENDIAN);
    at += (int) count;
    return out;
  }

  /** Ends the walk; a null problem means a pickle failed and reports itself. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient @org.jspecify.annotations.Nullable String problem;

    Stop(@org.jspecify.annotations.Nullable String problem) {
      super(problem, null, false, false);
      this.problem = problem;
    }
  }
}
