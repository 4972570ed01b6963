package dev.custody.format.gguf;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A GGUF file as read, as far as it could be read.
 *
 * @param version the format version
 * @param bigEndian true for a big-endian file
 * @param keyValues every metadata pair read, in file order
 * @param tensors every tensor description read, in file order
 * @param problems departures from what llama.cpp's reference reader accepts, in the order found
 * @param failure why reading stopped early, or null if it read to the end
 */
public record GgufFile(
    long version,
    boolean bigEndian,
    List<KeyValue> keyValues,
    List<TensorInfo> tensors,
    List<Problem> problems,
    @Nullable MalformedGgufException failure) {

  /** Copies the lists. */
  public GgufFile {
    keyValues = List.copyOf(keyValues);
    tensors = List.copyOf(tensors);
    problems = List.copyOf(problems);
  }

  /** True when every byte of the metadata and tensor descriptions was read. */
  public boolean completed() {
    return failure == null;
  }

  /** Why reading stopped early, if it did. */
  public Optional<MalformedGgufException> failureCause() {
    return Optional.ofNullable(failure);
  }

  /**
   * One metadata pair.
   *
   * @param key the key (untrusted; escape before display)
   * @param value the value
   * @param offset byte offset of the key in the file
   */
  public record KeyValue(String key, GgufValue value, long offset) {}

  /**
   * One tensor description.
   *
   * @param name the tensor's name
   * @param dims the dimensions, innermost first
   * @param ggmlType the ggml type id
   * @param dataOffset offset of its data, relative to the data section
   * @param offset byte offset of the description in the file
   */
  public record TensorInfo(
      String name, List<Long> dims, long ggmlType, long dataOffset, long offset) {
    /** Copies the dimensions. */
    public TensorInfo {
      dims = List.copyOf(dims);
    }
  }

  /** What kind of departure a problem is. */
  public enum Kind {
    /** Something the reference reader refuses; other readers may accept it differently. */
    REJECTED_BY_REFERENCE,
    /** Bytes after the last tensor's data that no reader looks at. */
    TRAILING_BYTES
  }

  /**
   * One departure from the format.
   *
   * @param kind what kind
   * @param offset byte offset in the file
   * @param subject the key, tensor or byte range involved (untrusted)
   * @param message what is wrong and what was expected
   */
  public record Problem(Kind kind, long offset, String subject, String message) {}
}
