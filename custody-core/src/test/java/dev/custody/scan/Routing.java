package dev.custody.scan;

import dev.custody.format.archive.ArchiveBudget;
import dev.custody.format.archive.ArchiveLimits;
import java.nio.ByteBuffer;

/**
 * A minimal content router for the container tests, standing in for the {@code Scanner} facade:
 * archives, then compressed streams, then joblib (which covers plain pickles). One budget per file.
 */
final class Routing {
  /** First bytes of pickles (PROTO, common protocol 0/1 openers) and joblib wrappers. */
  private static final String PICKLE_STARTS = "\u0080c(]})NIFSVZx]\u0004";

  private Routing() {}

  static ScanResult scan(byte[] file) {
    return scan(ByteBuffer.wrap(file), ArchiveLimits.DEFAULT);
  }

  static ScanResult scan(ByteBuffer file, ArchiveLimits limits) {
    ArchiveBudget budget = new ArchiveBudget(limits);
    return nested(budget).scan(file, "file");
  }

  static NestedScanner nested(ArchiveBudget budget) {
    return new NestedScanner() {
      @Override
      public ScanResult scan(ByteBuffer bytes, String name) {
        if (ArchiveScanner.recognizes(bytes)) {
          return ArchiveScanner.standard().scan(bytes, this, budget);
        }
        if (CompressedScanner.recognizes(bytes).isPresent()) {
          return CompressedScanner.standard().scan(bytes, this, budget);
        }
        if (!bytes.hasRemaining()
            || PICKLE_STARTS.indexOf(bytes.get(bytes.position()) & 0xff) < 0) {
          return ScanResult.clean(); // not a pickle or joblib file: text, for instance
        }
        return JoblibScanner.standard().scan(bytes, budget);
      }
    };
  }
}
