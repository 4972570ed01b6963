package dev.custody.scan;

import java.nio.ByteBuffer;

/**
 * Scans one format. Implementations are total (any bytes give a result; a scanner that cannot read
 * everything returns an incomplete result rather than throwing), bounded and thread-safe: the
 * {@link Scanner} calls one instance from many threads at once. Register one in {@link
 * FormatRegistry#standard()}.
 *
 * <p>A plain format scanner sees a whole file as one buffer, so files up to 2 GiB; a format whose
 * index tells which parts to read implements {@link RandomAccessScanner} instead and scans files of
 * any size.
 */
@FunctionalInterface
public interface FormatScanner {
  /**
   * Scans {@code bytes} from position to limit (the buffer may be a read-only memory map; do not
   * rely on its position after the call).
   *
   * @param nested scans content found inside these bytes (archive members, decompressed streams)
   *     within the depth and byte budgets of the whole scan
   * @return findings with locations relative to {@code bytes}
   */
  ScanResult scan(ByteBuffer bytes, NestedScanner nested);
}
