package dev.custody.format.numpy;

import java.util.List;

/**
 * What a {@code .npy} header says.
 *
 * @param major format version, 1 to 3
 * @param minor always 0
 * @param descr the dtype description as written (a string, or the text of a structured list)
 * @param fortranOrder column-major data
 * @param shape dimensions
 * @param dataOffset where the data (or the pickle, for object arrays) starts
 * @param hasObjects true when the dtype holds Python objects: the data is then a pickle
 */
public record NpyHeader(
    int major,
    int minor,
    String descr,
    boolean fortranOrder,
    List<Long> shape,
    long dataOffset,
    boolean hasObjects) {

  /** Copies the shape. */
  public NpyHeader {
    shape = List.copyOf(shape);
  }
}
