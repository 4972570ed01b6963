package dev.custody.format.safetensors;

import java.util.List;
import java.util.Map;

/**
 * A safetensors file as read: its header and every departure from the format found in it.
 *
 * @param headerLength length of the JSON header in bytes (the data buffer starts at 8 plus this)
 * @param dataLength length of the data buffer in bytes
 * @param metadata the {@code __metadata__} strings (values that are not strings are problems)
 * @param tensors every tensor entry whose fields could be read, in header order
 * @param problems departures from the format, in the order found
 */
public record SafetensorsFile(
    long headerLength,
    long dataLength,
    Map<String, String> metadata,
    List<Tensor> tensors,
    List<Problem> problems) {

  /** Copies the collections. */
  public SafetensorsFile {
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    tensors = List.copyOf(tensors);
    problems = List.copyOf(problems);
  }

  /**
   * One tensor entry.
   *
   * @param name the tensor's name
   * @param dtype the dtype as written, e.g. {@code F16}
   * @param shape the dimensions
   * @param begin first byte in the data buffer
   * @param end byte after the last, in the data buffer
   */
  public record Tensor(String name, String dtype, List<Long> shape, long begin, long end) {
    /** Copies the shape. */
    public Tensor {
      shape = List.copyOf(shape);
    }
  }

  /** What kind of departure from the format a problem is. */
  public enum Kind {
    /** A tensor entry (or {@code __metadata__}) that the library refuses. */
    INVALID_ENTRY,
    /** Tensors that overlap, or data offsets outside the buffer. */
    BAD_LAYOUT,
    /** Bytes of the buffer that belong to no tensor: a gap, or data after the last tensor. */
    UNCOVERED_BYTES
  }

  /**
   * One departure from the format.
   *
   * @param kind what kind
   * @param offset byte offset in the file it concerns (the header, or the uncovered bytes)
   * @param subject the tensor name or byte range concerned (untrusted; escape before display)
   * @param message what is wrong, with expected values
   */
  public record Problem(Kind kind, long offset, String subject, String message) {}
}
