package dev.custody.scan;

import java.util.List;

/**
 * One file's report, with the companion files its content names (see {@link
 * ScanResult#companions()}), before the folder-level checks.
 */
record Scanned(FileReport report, List<Companion> companions) {
  Scanned {
    companions = List.copyOf(companions);
  }

  /** A report that names no companions. */
  static Scanned alone(FileReport report) {
    return new Scanned(report, List.of());
  }
}
