package dev.custody.scan;

import java.nio.ByteBuffer;

/**
 * Scans bytes found inside another file (an archive member, a decompressed stream, an embedded
 * model) with whatever scanner their content calls for. Container scanners receive one, so they
 * need not know every format; the {@code Scanner} facade supplies it, with the depth and byte
 * budgets that stop a nest of archives from becoming a bomb.
 */
@FunctionalInterface
public interface NestedScanner {
  /**
   * Scans nothing nested, and says so: every nested input counts as not scanned, so the outer scan
   * is incomplete (fail closed). For tests and callers that want one format only.
   */
  NestedScanner UNSCANNED = (bytes, name) -> new ScanResult(java.util.List.of(), false);

  /**
   * Scans {@code bytes} (position to limit) found under {@code name} inside the current file.
   *
   * @return the result, with locations relative to the nested bytes (the caller prefixes them)
   */
  ScanResult scan(ByteBuffer bytes, String name);
}
