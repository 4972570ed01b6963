package dev.custody.format.hdf5;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One group or dataset of an HDF5 file, as {@link Hdf5Reader#objects} found it.
 *
 * @param path the path by which it was first reached, {@code /} for the root group
 * @param attributes its attributes
 * @param rows the rows of a PyTables object array ({@code PSEUDOATOM = "object"}), which PyTables
 *     unpickles one by one when the array is read; {@link Rows.None} for anything else
 */
public record Hdf5Object(String path, List<Hdf5Attribute> attributes, Rows rows) {
  /** Copies the attributes. */
  public Hdf5Object {
    attributes = List.copyOf(attributes);
  }

  /** What was read of a dataset's rows: a closed set. */
  public sealed interface Rows {
    /** Not an object array; its data was not read (numbers are never executed). */
    record None() implements Rows {}

    /**
     * The rows, each the bytes PyTables hands to {@code pickle.loads}.
     *
     * @param rows read-only views of the file or of jhdf's buffers
     */
    record Read(List<ByteBuffer> rows) implements Rows {
      /** Copies the list. */
      public Read {
        rows = List.copyOf(rows);
      }
    }

    /**
     * The rows could not be read.
     *
     * @param problem what failed
     */
    record Unreadable(String problem) implements Rows {}
  }
}
