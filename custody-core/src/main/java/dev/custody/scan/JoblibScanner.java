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
import dev.custody.format.pickle.Value;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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

  /** Scans a raw joblib pickle: arrays skipped, object arrays scanned as nested pickles. */
  ScanResult scanPickle(ByteBuffer data) {
    byte[] buf = new byte[data.remaining()];
    data.duplicate().get(buf);
    int length = buf.length;
    List<long[]> cuts = new ArrayList<>();
    List<ScanResult> parts = new ArrayList<>();
    List<Finding> own = new ArrayList<>();
    boolean completed = true;
    long searchFrom = 0;
    int arrays = 0;
    PickleProgram program;
    while (true) {
      program = PickleReader.read(ByteBuffer.wrap(buf, 0, length), limits);
      PickleEvent.SetState wrapper = nextWrapper(program, searchFrom);
      if (wrapper == null) {
        break;
      }
      int dataStart = (int) wrapper.offset() + 1;
      long original = original(cuts, dataStart);
      if (++arrays > MAX_ARRAYS) {
        own.add(unskippable(original, "the pickle holds more than " + MAX_ARRAYS + " arrays"));
        completed = false;
        break;
      }
      ArrayShape shape = ArrayShape.of(program, wrapper.state());
      long skip;
      if (shape == null) {
        own.add(
            unskippable(original, "the NumpyArrayWrapper state has no readable shape or dtype"));
        completed = false;
        break;
      }
      if (shape.hasObjects()) {
        // joblib reads one pickle (pickle.load) and goes on after its STOP: find that end, then
        // judge exactly those bytes.
        PickleProgram first =
            PickleReader.read(ByteBuffer.wrap(buf, dataStart, length - dataStart), onePickle());
        if (first.end() <= 0) {
          own.add(unskippable(original, "the object array's nested pickle has no end"));
          parts.add(pickles.scan(first).inside("object array @ " + original));
          completed = false;
          break;
        }
        skip = first.end();
        PickleProgram nested =
            PickleReader.read(ByteBuffer.wrap(buf, dataStart, (int) skip), limits);
        parts.add(pickles.scan(nested).inside("object array @ " + original));
      } else {
        long padding = 0;
        if (shape.aligned()) {
          if (dataStart >= length) {
            own.add(unskippable(original, "the array's alignment byte is missing"));
            completed = false;
            break;
          }
          padding = 1L + (buf[dataStart] & 0xff);
        }
        skip = padding + shape.bytes();
      }
      if (skip > length - dataStart) {
        own.add(
            unskippable(
                original,
                "the array needs " + skip + " bytes but only " + (length - dataStart) + " follow"));
        completed = false;
        break;
      }
      System.arraycopy(
          buf, (int) (dataStart + skip), buf, dataStart, (int) (length - dataStart - skip));
      length -= (int) skip;
      cuts.add(new long[] {dataStart, skip});
      searchFrom = dataStart;
    }
    for (PickleEvent event : program.events()) {
      if (event instanceof PickleEvent.SetState s) {
        sideFile(s, cuts).ifPresent(own::add);
      }
    }
    ScanResult judged = pickles.scan(program);
    parts.add(new ScanResult(relocate(judged.findings(), cuts), judged.completed()));
    parts.add(new ScanResult(own, completed));
    return ScanResult.combine(parts);
  }

  private Limits onePickle() {
    return new Limits(
        limits.maxBytes(),
        limits.maxOpcodes(),
        limits.maxStackDepth(),
        limits.maxMemoEntries(),
        limits.maxLineLength(),
        limits.maxRetainedLiteral(),
        limits.maxNesting(),
        1);
  }

  private Finding unskippable(long offset, String why) {
    return rules
        .rule(JoblibRule.ARRAY_UNSKIPPABLE)
        .finding(Location.at(offset), "NumpyArrayWrapper", capitalised(why) + ".");
  }

  private Optional<Finding> sideFile(PickleEvent.SetState s, List<long[]> cuts) {
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
                Location.at(original(cuts, s.offset())),
                Untrusted.escape(name),
                "joblib.load would np.load(allow_pickle=True) the file "
                    + Untrusted.quote(name)
                    + "."));
  }

  private static PickleEvent.@Nullable SetState nextWrapper(PickleProgram program, long from) {
    for (PickleEvent event : program.events()) {
      if (event instanceof PickleEvent.SetState s && s.offset() >= from) {
        Value.Global global = wrapperClass(s.target());
        if (global != null && global.name().equals("NumpyArrayWrapper")) {
          return s;
        }
      }
    }
    return null;
  }

  private static Value.@Nullable Global wrapperClass(Value target) {
    if (target instanceof Value.CallResult call
        && call.callable() instanceof Value.Global global
        && (global.module().startsWith("joblib.") || global.module().contains(".joblib."))) {
      return global;
    }
    return null;
  }

  private static long original(List<long[]> cuts, long spliced) {
    long offset = spliced;
    for (long[] cut : cuts) {
      if (spliced >= cut[0]) {
        offset += cut[1];
      }
    }
    return offset;
  }

  private static List<Finding> relocate(List<Finding> findings, List<long[]> cuts) {
    if (cuts.isEmpty()) {
      return findings;
    }
    List<Finding> moved = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Location at = f.location();
      if (at.containers().isEmpty()) {
        at = Location.at(original(cuts, at.offset()));
      }
      moved.add(
          new Finding(
              f.rule(), f.severity(), f.title(), at, f.subject(), f.explanation(), f.remedy()));
    }
    return moved;
  }

  private static String capitalised(String message) {
    return message.isEmpty()
        ? message
        : Character.toUpperCase(message.charAt(0)) + message.substring(1);
  }

  /** What a NumpyArrayWrapper's state says about the bytes that follow it. */
  private record ArrayShape(long bytes, boolean hasObjects, boolean aligned) {

    static @Nullable ArrayShape of(PickleProgram program, Value state) {
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
        DType type = DType.of(program, dtype);
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
    static @Nullable DType of(PickleProgram program, Value dtype) {
      if (!(dtype instanceof Value.CallResult call)
          || !(call.arguments() instanceof Value.Container args)
          || args.items().isEmpty()
          || !(args.items().get(0) instanceof Value.Text code)) {
        return null;
      }
      String text = code.text();
      long stated = -1;
      long flags = 0;
      for (PickleEvent event : program.events()) {
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
