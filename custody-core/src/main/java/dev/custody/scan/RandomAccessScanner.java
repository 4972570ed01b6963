package dev.custody.scan;

import dev.custody.format.ModelSource;
import java.nio.ByteBuffer;

/**
 * A {@link FormatScanner} that reads a file of any size through random access: formats with an
 * index (zip's central directory at the end, a safetensors or GGUF header at the start) read only
 * the index and what it says must be scanned, so time and memory do not grow with tensor bytes. The
 * {@link Scanner} hands every top-level file to {@link #scan(ModelSource, NestedScanner)}; scanners
 * that only implement {@link FormatScanner} get files up to one buffer (2 GiB) and larger files are
 * reported not scanned. Nested content still arrives as a buffer, through the inherited method.
 */
@FunctionalInterface
public interface RandomAccessScanner extends FormatScanner {
  /**
   * Scans the whole input in {@code source}. The same contract as {@link FormatScanner#scan}:
   * total, bounded, thread-safe, locations relative to the input; an input this scanner cannot read
   * completely gives an incomplete result.
   */
  ScanResult scan(ModelSource source, NestedScanner nested);

  @Override
  default ScanResult scan(ByteBuffer bytes, NestedScanner nested) {
    return scan(ModelSource.of(bytes), nested);
  }
}
