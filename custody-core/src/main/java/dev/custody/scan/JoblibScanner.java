package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.format.archive.ArchiveBudget;
import dev.custody.format.archive.ArchiveLimits;
import dev.custody.format.archive.ArchiveProblem;
import dev.custody.format.archive.Compression;
import dev.custody.format.archive.Decompressed;
import dev.custody.format.archive.Decompressor;
import dev.custody.format.pickle.Limits;
import dev.custody.format.pickle.PickleEvent;
import dev.custody.format.pickle.PickleProgram;
import dev.custody.format.pickle.PickleReader;
import dev.custody.format.pickle.RawData;
import dev.custody.format.pickle.Value;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Scans joblib files the way {@code joblib.load} reads them: the compression is chosen by the first
 * bytes ({@code ZF} legacy zlib, zlib, gzip, bzip2, xz, lzma-alone; lz4 is reported as not
 * scannable), then the pickle is read with the raw array bytes that follow every {@code
 * NumpyArrayWrapper} BUILD skipped (alignment padding, then shape × itemsize bytes) and object
 * arrays read as the nested pickles they are. The pickle is judged by {@link PickleScanner}; legacy
 * {@code NDArrayWrapper}s that make joblib {@code np.load} another file with pickles allowed are
 * reported. A pickle without wrappers scans exactly as with {@link PickleScanner}, so any pickle
 * may be routed here. Thread-safe.
 */
public final class JoblibScanner {
  /** Most arrays followed in one pickle. */
  public static final int MAX_ARRAYS = 10_000;

  private static final int COMPAT_HEADER = 2 + "0x10000000000000000".length();

  private final PickleScanner pickles;
  private final Limits limits;
  private final RuleBook rules = RuleBook.standard();
  private final ArchiveFindings archiveFindings = new ArchiveFindings(rules);

  private JoblibScanner(Limits limits) {
    this.limits = limits;
    this.pickles = PickleScanner.withLimits(limits);
  }

  /** A scanner with custody's rules and default pickle limits. */
  public static JoblibScanner standard() {
    return new JoblibScanner(Limits.DEFAULT);
  }

  /** Scans one joblib file with a fresh budget at {@link ArchiveLimits#DEFAULT}. */
  public ScanResult scan(ByteBuffer data) {
    return scan(data, new ArchiveBudget(ArchiveLimits.DEFAULT));
  }

  /** Scans the joblib file in {@code data}, drawing on the file's {@code budget}. */
  public ScanResult scan(ByteBuffer data, ArchiveBudget budget) {
    ByteBuffer b = data.slice();
    Optional<Compression> compression = joblibCompression(b);
    boolean compat = b.remaining() >= 2 && b.get(0) == 'Z' && b.get(1) == 'F';
    if (compat) {
      compression = Optional.of(Compression.ZLIB);
      b =
          b.remaining() >= COMPAT_HEADER
              ? b.slice(COMPAT_HEADER, b.remaining() - COMPAT_HEADER)
              : b;
    }
    if (isLz4(b)) {
      return new ScanResult(
          List.of(
              archiveFindings.problem(
                  new ArchiveProblem(
                      ArchiveProblem.Kind.UNSUPPORTED,
                      0,
                      "the joblib file is lz4-compressed, which custody does not decode"),
                  "lz4 stream")),
          false);
    }
    if (compression.isEmpty()) {
      return scanPickle(b);
    }
    Compression c = compression.get();
    String label = "(" + c.label() + ")";
    if (!budget.enter()) {
      return new ScanResult(
          List.of(archiveFindings.tooDeep(budget.limits().maxDepth(), c.label() + " stream")),
          false);
    }
    try {
      Decompressed out = Decompressor.decompress(b, c, budget);
      List<ScanResult> parts = new ArrayList<>();
      if (out.data().hasRemaining()) {
        parts.add(scanPickle(out.data()).inside(label));
      }
      out.problem()
          .ifPresent(p ->
              parts.add(
                  new ScanResult(
                      List.of(archiveFindings.problem(p, c.label() + " stream")), false)));
      return ScanResult.combine(parts);
    } finally {
      budget.exit();
    }
  }

  /** The compression joblib would pick for these first bytes, if any. */
  static Optional<Compression> joblibCompression(ByteBuffer b) {
    if (b.remaining() >= 1 && b.get(0) == 0x78) {
      return Optional.of(Compression.ZLIB);
    }
    if (b.remaining() >= 2 && b.get(0) == 'B' && b.get(1) == 'Z') {
      return Optional.of(Compression.BZIP2);
    }
    if (b.remaining() >= 2 && b.get(0) == 0x5d && b.get(1) == 0) {
      return Optional.of(Compression.LZMA);
    }
    if (b.remaining() >= 2 && (b.get(0) & 0xff) == 0x1f && (b.get(1) & 0xff) == 0x8b) {
      return Optional.of(Compression.GZIP);
    }
    return Compression.detect(b, false);
  }

  private static boolean isLz4(ByteBuffer b) {
    return b.remaining() >= 4
        && b.get(0) == 0x04
        && b.get(1) == 0x22
        && b.get(2) == 0x4d
        && b.get(3) == 0x18;
  }

  /**
   * Scans a raw joblib pickle in one pass: the data of each array is stepped over where joblib
   * reads it itself, and an object array is scanned as the nested pickle it is. The input is not
   * copied: a joblib file of large arrays costs no heap for them.
   */
  ScanResult scanPickle(ByteBuffer data) {
    ArraySteps arrays = new ArraySteps();
    PickleProgram program = PickleReader.read(data, limits, arrays);
    List<Finding> own = new ArrayList<>(arrays.findings);
    for (PickleEvent event : program.events()) {
      if (event instanceof PickleEvent.SetState s) {
        sideFile(s).ifPresent(own::add);
      }
    }
    List<ScanResult> parts = new ArrayList<>(arrays.nested);
    parts.add(pickles.scan(program));
    parts.add(new ScanResult(own, arrays.completed));
    return ScanResult.combine(parts);
  }

  /**
   * What joblib's {@code NumpyUnpickler} reads itself after the BUILD of a {@code
   * NumpyArrayWrapper}: the array's bytes (after an alignment pad), or for an object array one
   * whole pickle, which is scanned here. At the first array it cannot size, it steps over nothing
   * more and the scan is incomplete; the reader then meets the array bytes as opcodes, as a plain
   * unpickler would. Asked twice for one BUILD (a FRAME read both ways), it answers the same and
   * reports once.
   */
  private final class ArraySteps implements RawData {
    private final Map<Long, Long> answered = new HashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<ScanResult> nested = new ArrayList<>();
    private boolean completed = true;
    private int arrays;

    @Override
    public long after(
        PickleEvent.SetState build, List<PickleEvent> events, ByteBuffer input, long at) {
      Value.Global global = wrapperClass(build.target());
      if (global == null || !global.name().equals("NumpyArrayWrapper")) {
        return 0;
      }
      Long known = answered.get(at);
      if (known != null) {
        return known;
      }
      long skip = completed ? step(build, events, input, at) : 0;
      answered.put(at, skip);
      return skip;
    }

    private long step(
        PickleEvent.SetState build, List<PickleEvent> events, ByteBuffer input, long at) {
      long left = input.limit() - at;
      if (++arrays > MAX_ARRAYS) {
        return stop(at, "the pickle holds more than " + MAX_ARRAYS + " arrays");
      }
      ArrayShape shape = ArrayShape.of(events, build.state());
      if (shape == null) {
        return stop(at, "the NumpyArrayWrapper state has no readable shape or dtype");
      }
      if (shape.hasObjects()) {
        return objectArray(input, at);
      }
      long padding = 0;
      if (shape.aligned()) {
        if (left < 1) {
          return stop(at, "the array's alignment byte is missing");
        }
        padding = 1L + (input.get((int) at) & 0xff);
      }
      long skip = padding + shape.bytes();
      if (skip > left) {
        return stop(at, "the array needs " + skip + " bytes but only " + left + " follow");
      }
      return skip;
    }

    /** joblib reads one pickle (pickle.load) and goes on after its STOP: exactly those bytes. */
    private long objectArray(ByteBuffer input, long at) {
      ByteBuffer rest = input.slice((int) at, input.limit() - (int) at);
      PickleProgram first = PickleReader.read(rest, onePickle());
      if (first.end() <= 0) {
        nested.add(pickles.scan(first).inside("object array @ " + at));
        return stop(at, "the object array's nested pickle has no end");
      }
      PickleProgram array = PickleReader.read(rest.slice(0, (int) first.end()), limits);
      nested.add(pickles.scan(array).inside("object array @ " + at));
      return first.end();
    }

    private long stop(long at, String why) {
      findings.add(unskippable(at, why));
      completed = false;
      return 0;
    }
  }

  private Limits onePickle() {
    return limits.withMaxPickles(1);
  }

  private Finding unskippable(long offset, String why) {
    return rules
        .rule(JoblibRule.ARRAY_UNSKIPPABLE)
        .finding(Location.at(offset), "NumpyArrayWrapper", capitalised(why) + ".");
  }

  private Optional<Finding> sideFile(PickleEvent.SetState s) {
    Value.Global global = wrapperClass(s.target());
    if (global == null
        || !(global.name().equals("NDArrayWrapper") || global.name().equals("ZNDArrayWrapper"))) {
      return Optional.empty();
    }
    Value filename = ArrayShape.entry(s.state(), "filename");
    String name = filename instanceof Value.Text t ? t.text() : "(computed)";
    boolean outside =
        !(filename instanceof Value.Text)
            || ArchiveFindings.isAbsolute(name)
            || ArchiveFindings.climbs(name);
    JoblibRule rule = outside ? JoblibRule.SIDE_FILE_OUTSIDE : JoblibRule.SIDE_FILE;
    return Optional.of(
        rules
            .rule(rule)
            .finding(
                Location.at(s.offset()),
                Untrusted.escape(name),
                "joblib.load would np.load(allow_pickle=True) the file "
                    + Untrusted.quote(name)
                    + "."));
  }

  private static Value.@Nullable Global wrapperClass(Value target) {
    if (target instanceof Value.CallResult call
        && call.callable() instanceof Value.Global global
        && (global.module().startsWith("joblib.") || global.module().contains(".joblib."))) {
      return global;
    }
    return null;
  }

  private static String capitalised(String message) {
    return message.isEmpty()
        ? message
        : Character.toUpperCase(message.charAt(0)) + message.substring(1);
  }

  /** What a NumpyArrayWrapper's state says about the bytes that follow it. */
  private record ArrayShape(long bytes, boolean hasObjects, boolean aligned) {

    static @Nullable ArrayShape of(List<PickleEvent> events, Value state) {
      Value shape = entry(state, "shape");
      Value dtype = entry(state, "dtype");
      if (!(shape instanceof Value.Container dims) || dtype == null) {
        return null;
      }
      Value alignment = entry(state, "numpy_array_alignment_bytes");
      boolean aligned = alignment instanceof Value.Scalar s && !s.repr().equals("None");
      long count = 1;
      try {
        for (Value dim : dims.items()) {
          long n = integer(dim);
          if (n < 0) {
            return null;
          }
          count = Math.multiplyExact(count, n);
        }
        DType type = DType.of(events, dtype);
        if (type == null) {
          return null;
        }
        if (type.hasObjects()) {
          return new ArrayShape(0, true, aligned);
        }
        return new ArrayShape(Math.multiplyExact(count, type.itemSize()), false, aligned);
      } catch (ArithmeticException e) {
        return null;
      }
    }

    static @Nullable Value entry(Value dict, String key) {
      if (!(dict instanceof Value.Container c) || c.kind() != Value.ContainerKind.DICT) {
        return null;
      }
      List<Value> items = c.items();
      Value found = null;
      for (int i = 0; i + 1 < items.size(); i += 2) {
        if (items.get(i) instanceof Value.Text t && t.text().equals(key)) {
          found = items.get(i + 1);
        }
      }
      return found;
    }

    static long integer(@Nullable Value v) {
      if (v instanceof Value.Scalar s) {
        try {
          return Long.parseLong(s.repr());
        } catch (NumberFormatException e) {
          return -1;
        }
      }
      return -1;
    }
  }

  /** The same pickled object (memo references share one value), not an equal-looking one. */
  @SuppressWarnings("ReferenceEquality")
  private static boolean sameObject(Value a, Value b) {
    return a == b;
  }

  /** A pickled numpy dtype: {@code numpy.dtype('f8', False, True)} plus its BUILD state. */
  private record DType(long itemSize, boolean hasObjects) {
    static @Nullable DType of(List<PickleEvent> events, Value dtype) {
      if (!(dtype instanceof Value.CallResult call)
          || !(call.arguments() instanceof Value.Container args)
          || args.items().isEmpty()
          || !(args.items().get(0) instanceof Value.Text code)) {
        return null;
      }
      String text = code.text();
      long stated = -1;
      long flags = 0;
      for (PickleEvent event : events) {
        if (event instanceof PickleEvent.SetState s
            && sameObject(s.target(), dtype)
            && s.state() instanceof Value.Container tuple
            && tuple.items().size() >= 8) {
          stated = ArrayShape.integer(tuple.items().get(5));
          flags = Math.max(0, ArrayShape.integer(tuple.items().get(7)));
        }
      }
      boolean objects = text.startsWith("O") || (flags & 1) != 0;
      if (objects) {
        return new DType(8, true);
      }
      if (stated > 0) {
        return new DType(stated, false);
      }
      int i = 0;
      while (i < text.length() && !Character.isDigit(text.charAt(i))) {
        i++;
      }
      if (i == text.length() || i == 0) {
        return null;
      }
      try {
        long size = Long.parseLong(text.substring(i));
        return size > 0 ? new DType(size, false) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
