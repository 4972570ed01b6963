package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.format.ModelSource;
import dev.custody.internal.Untrusted;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scans model files for code that runs when they are loaded, without running or deserializing
 * anything. The entry point for services that check a model before loading it:
 *
 * <pre>{@code
 * ScanReport report = Scanner.standard().scan(List.of(Path.of("my-model")));
 * if (report.hasFindingAtLeast(Severity.HIGH) || !report.completed()) {
 *   throw new IllegalStateException("refusing to load my-model");
 * }
 * }</pre>
 *
 * <p>Folders are walked recursively; symlinks inside them are reported, never followed, and {@code
 * .git} folders are skipped. Each file's format is detected from its content ({@link
 * FormatDetector}) and the file is handed to that format's {@link FormatScanner} ({@link
 * FormatRegistry}). Text and JSON are reported as not a model; a binary of no known format, or of a
 * format with no scanner, is reported incomplete (fail closed). Files are scanned in parallel.
 * Thread-safe.
 *
 * <p>Files of any size are read through a {@link ModelSource}: small ones from the heap, larger
 * ones memory-mapped (several overlapping maps past 2 GiB), so nothing is read until a format
 * scanner asks for it. A {@link RandomAccessScanner} (zip and PyTorch zip, safetensors, GGUF,
 * legacy PyTorch) reads only the index and the records that must be scanned, so a 100 GB checkpoint
 * costs what its pickles cost; a file larger than 2 GiB whose format is only read as one buffer is
 * reported not scanned (fail closed).
 */
public final class Scanner {
  /** Files below this size are read into the heap; larger ones are memory-mapped. */
  private static final int READ_BELOW = 1 << 20;

  private final ScanOptions options;
  private final FormatRegistry registry;
  private final RuleBook rules = RuleBook.standard();

  /** A scanner with these options and format scanners. */
  public Scanner(ScanOptions options, FormatRegistry registry) {
    this.options = options;
    this.registry = registry;
  }

  /** Every format scanner custody ships, default limits, one thread per core. */
  public static Scanner standard() {
    return new Scanner(ScanOptions.defaults(), FormatRegistry.standard());
  }

  /**
   * Scans files and folders (recursively).
   *
   * @return one report per file, sorted by path
   * @throws ScanException if a path does not exist, or the scan was interrupted
   */
  public ScanReport scan(List<Path> paths) throws ScanException {
    long start = System.nanoTime();
    Map<Path, Target> targets = new LinkedHashMap<>();
    for (Path path : paths) {
      collect(path, targets);
    }
    List<Scanned> scanned = new ArrayList<>(targets.size());
    int threads = Math.min(options.threads(), Math.max(1, targets.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, Scanner::daemon);
    try {
      List<Future<Scanned>> futures = new ArrayList<>(targets.size());
      for (Target target : targets.values()) {
        futures.add(pool.submit(target::scan));
      }
      for (Future<Scanned> future : futures) {
        scanned.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScanException(ScanException.Reason.UNREADABLE, "the scan was interrupted", e);
    } catch (ExecutionException e) {
      // Target.scan catches every failure of a file; this is a bug, not bad input.
      throw new IllegalStateException("scanning a file failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<FileReport> reports = new ArrayList<>(new Companions(rules).judge(scanned));
    reports.sort(Comparator.comparing(r -> r.path().toString()));
    return new ScanReport(reports, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Scans one regular file (following a symlink if {@code file} is one). Never throws. */
  public FileReport scanFile(Path file) {
    return scanFile(file, true, KerasFolder.holds(file)).report();
  }

  /**
   * Scans bytes already in memory (position to limit), as the content of one file, with fresh
   * nesting budgets.
   */
  public ScanResult scan(ByteBuffer bytes) {
    return scan(ModelSource.of(bytes));
  }

  /** Scans the content of one file of any size, with fresh nesting budgets. */
  public ScanResult scan(ModelSource source) {
    ModelFormat format = FormatDetector.detect(source);
    return new Nested(0, new AtomicLong(options.maxNestedBytes())).dispatch(source, format, "");
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "custody-scan");
    thread.setDaemon(true);
    return thread;
  }

  /** A file to scan, or a symlink or special file to report. */
  private interface Target {
    Scanned scan();
  }

  private void collect(Path path, Map<Path, Target> targets) throws ScanException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new ScanException(
          ScanException.Reason.NOT_FOUND,
          "path "
              + Untrusted.quote(path.toString())
              + " does not exist; expected a model file or folder");
    }
    if (!Files.isDirectory(path)) {
      // A path the caller named is scanned even through a symlink: they chose it.
      targets.putIfAbsent(path.normalize(), () -> scanFile(path, true, KerasFolder.holds(path)));
      return;
    }
    // A folder named through a symlink is walked (the caller chose it); links inside are not.
    Path root = Files.isSymbolicLink(path) ? path.resolve(".") : path;
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              boolean top = dir.equals(root);
              Path name = dir.getFileName();
              return !top && name != null && name.toString().equals(".git")
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path walked, BasicFileAttributes attrs) {
              Path file = walked.normalize();
              Path key = file;
              if (attrs.isSymbolicLink()) {
                targets.putIfAbsent(key, () -> Scanned.alone(symlink(file)));
              } else if (attrs.isRegularFile()) {
                boolean keras = KerasFolder.holds(file);
                targets.putIfAbsent(key, () -> scanFile(file, false, keras));
              } else {
                targets.putIfAbsent(
                    key,
                    () ->
                        Scanned.alone(
                            notScanned(
                                file,
                                ModelFormat.UNKNOWN_BINARY,
                                "not a regular file (a socket, pipe or device); not read",
                                0)));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path walked, IOException e) {
              Path file = walked.normalize();
              targets.putIfAbsent(
                  file,
                  () ->
                      Scanned.alone(
                          notScanned(
                              file,
                              ModelFormat.UNKNOWN_BINARY,
                              "could not be read: " + describe(e),
                              0)));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new ScanException(
          ScanException.Reason.UNREADABLE,
          "could not list " + Untrusted.quote(path.toString()) + ": " + describe(e),
          e);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    String kind = e instanceof NoSuchFileException ? "no such file" : e.getClass().getSimpleName();
    return message == null ? kind : kind + " (" + Untrusted.escape(message) + ")";
  }

  private FileReport symlink(Path link) {
    String target;
    try {
      target = Untrusted.quote(Files.readSymbolicLink(link).toString());
    } catch (IOException | UnsupportedOperationException e) {
      target = "an unreadable target";
    }
    return notScanned(
        link,
        ModelFormat.SYMLINK,
        "a symlink to " + target + ", not followed; a loader would follow it: scan its target",
        0);
  }

  private static FileReport notScanned(Path path, ModelFormat format, String note, long start) {
    Duration took = start == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
    return FileReport.of(path, format, List.of(), false, note, took);
  }

  /**
   * Scans one file; {@code kerasFolder} says it is the {@code config.json} of a Keras model saved
   * as a folder (see {@link KerasFolder}), which Keras deserializes although it is plain JSON.
   */
  private Scanned scanFile(Path file, boolean followLinks, boolean kerasFolder) {
    long start = System.nanoTime();
    // The channel stays open for the scan: probes of a mapped file read through it (ModelSource).
    try (FileChannel channel =
        followLinks
            ? FileChannel.open(file, StandardOpenOption.READ)
            : FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size > options.maxFileBytes()) {
        return Scanned.alone(
            notScanned(
                file,
                ModelFormat.UNKNOWN_BINARY,
                "is "
                    + size
                    + " bytes, more than the scan limit of "
                    + options.maxFileBytes()
                    + " bytes; not scanned",
                start));
      }
      ModelSource source =
          size < READ_BELOW
              ? ModelSource.of(read(channel, (int) size))
              : map(channel, size).withPositionedReads(channel::read);
      return scanSource(file, source, kerasFolder, start);
    } catch (IOException e) {
      return Scanned.alone(
          notScanned(file, ModelFormat.UNKNOWN_BINARY, "could not be read: " + describe(e), start));
    }
  }

  private Scanned scanSource(Path file, ModelSource source, boolean kerasFolder, long start) {
    Nested nested = new Nested(0, new AtomicLong(options.maxNestedBytes()));
    ModelFormat format = ModelFormat.UNKNOWN_BINARY;
    ScanResult result;
    String note;
    try {
      format = FormatDetector.detect(source);
      if (kerasFolder && format == ModelFormat.JSON && KerasFolder.isKerasConfig(source)) {
        format = ModelFormat.KERAS_CONFIG;
      }
      result = nested.dispatch(source, format, "");
      note = topLevelNote(format, result, source);
    } catch (InternalError e) {
      // A memory-mapped file that shrinks while it is read faults here.
      result = new ScanResult(List.of(), false);
      note = "changed while it was scanned; scan it again when nothing is writing it";
    }
    FileReport report =
        FileReport.of(
            file,
            format,
            result.findings(),
            result.completed(),
            note,
            Duration.ofNanos(System.nanoTime() - start));
    return new Scanned(report, result.companions());
  }

  private String topLevelNote(ModelFormat format, ScanResult result, ModelSource source) {
    if (format.isInert()) {
      return format == ModelFormat.EMPTY
          ? "empty: nothing to load"
          : format.label() + ": no model loader executes it";
    }
    if (result.completed()) {
      return "";
    }
    if (format == ModelFormat.UNKNOWN_BINARY) {
      return "binary content of no format custody recognises; not scanned (fail closed)";
    }
    if (registry.scanner(format).isEmpty()) {
      return "no " + format.label() + " scanner in this version of custody; not scanned";
    }
    if (source.whole().isEmpty() && result.findings().isEmpty()) {
      return "is "
          + source.size()
          + " bytes; custody reads "
          + format.label()
          + " files only up to "
          + ScanOptions.MAX_MAPPABLE
          + " bytes (one buffer), so it was not scanned (fail closed). Formats with an index"
          + " (zip, PyTorch zip, safetensors, GGUF) and legacy PyTorch checkpoints scan at any"
          + " size";
    }
    return "the " + format.label() + " scan stopped before the end of the file (see findings)";
  }

  private static ByteBuffer read(FileChannel channel, int size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(size);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        break; // the file shrank: scan what was there
      }
    }
    return buffer.flip();
  }

  /**
   * Maps the file: as one buffer when it fits, else as the overlapping segments a {@link
   * ModelSource} wants. Mapping reads nothing; pages are read when a scanner touches them.
   */
  private static ModelSource map(FileChannel channel, long size) throws IOException {
    if (size <= ScanOptions.MAX_MAPPABLE) {
      return ModelSource.of(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
    }
    int count = ModelSource.segmentCount(size);
    List<ByteBuffer> segments = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      segments.add(
          channel.map(
              FileChannel.MapMode.READ_ONLY,
              k * ModelSource.STEP,
              ModelSource.segmentLength(size, k)));
    }
    return ModelSource.ofSegments(segments, size);
  }

  /**
   * Scans nested content at one depth, sharing one byte budget across the whole file. A nested
   * input too deep, over budget, or of a format with no scanner becomes an incomplete result with
   * an {@code INFO} finding that says why.
   */
  private final class Nested implements NestedScanner {
    private final int depth;
    private final AtomicLong budget;

    Nested(int depth, AtomicLong budget) {
      this.depth = depth;
      this.budget = budget;
    }

    @Override
    public ScanResult scan(ByteBuffer bytes, String name) {
      String subject = name.isEmpty() ? "(unnamed content)" : Untrusted.escape(name);
      if (depth + 1 > options.maxNestingDepth()) {
        return stopped(
            ScanRule.TOO_DEEP,
            subject,
            "'"
                + subject
                + "' is nested "
                + (depth + 1)
                + " levels deep (limit "
                + options.maxNestingDepth()
                + ").");
      }
      if (budget.addAndGet(-bytes.remaining()) < 0) {
        return stopped(
            ScanRule.BUDGET_EXHAUSTED,
            subject,
            "'"
                + subject
                + "' brings the nested content past "
                + options.maxNestedBytes()
                + " bytes.");
      }
      ModelFormat format = FormatDetector.detect(bytes);
      return new Nested(depth + 1, budget).dispatch(ModelSource.of(bytes), format, subject);
    }

    ScanResult dispatch(ModelSource source, ModelFormat format, String subject) {
      if (format.isInert()) {
        return ScanResult.clean();
      }
      Optional<FormatScanner> scanner = registry.scanner(format);
      boolean nested = depth > 0;
      if (scanner.isEmpty()) {
        return nested
            ? stopped(
                ScanRule.NOT_SCANNED,
                subject,
                "'"
                    + subject
                    + "' is "
                    + format.label()
                    + " content, which this scan does not read.")
            : new ScanResult(List.of(), false);
      }
      try {
        FormatScanner reader = scanner.orElseThrow();
        if (reader instanceof RandomAccessScanner randomAccess) {
          return randomAccess.scan(source, this);
        }
        Optional<ByteBuffer> whole = source.whole();
        // Larger than one buffer: not scanned; the file's note says why.
        return whole.isPresent()
            ? reader.scan(whole.get(), this)
            : new ScanResult(List.of(), false);
      } catch (RuntimeException e) {
        // A scanner bug must not stop the other files, nor pass this one: fail closed.
        return stopped(
            ScanRule.NOT_SCANNED,
            nested ? subject : format.label(),
            "The "
                + format.label()
                + " scanner failed (a bug in custody, please report it: "
                + Untrusted.escape(String.valueOf(e))
                + ").");
      }
    }

    private ScanResult stopped(ScanRule rule, String subject, String detail) {
      Finding finding = rules.rule(rule).finding(Location.at(0), subject, detail);
      return new ScanResult(List.of(finding), false);
    }
  }
}
