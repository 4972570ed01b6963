package dev.custody.format.hdf5;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/** One attribute of a group or dataset, as {@link Hdf5Reader} read it: a closed set. */
public sealed interface Hdf5Attribute {
  /** The attribute's name. */
  String name();

  /**
   * A string attribute (fixed or variable length, scalar or a short array).
   *
   * @param name the name
   * @param values the strings, one for a scalar
   * @param scalarBytes for a fixed-length scalar string, its bytes as stored, without the NULs that
   *     pad it (what numpy reads as {@code bytes_}); PyTables unpickles such a value when it ends
   *     with the pickle STOP opcode
   */
  record Text(String name, List<String> values, Optional<ByteBuffer> scalarBytes)
      implements Hdf5Attribute {
    /** Copies the values; a fixed-length scalar also keeps its bytes, trailing NULs dropped. */
    public Text {
      values = List.copyOf(values);
      scalarBytes = scalarBytes.map(ByteBuffer::asReadOnlyBuffer);
    }

    /** Text without raw bytes (variable-length strings, arrays). */
    public Text(String name, List<String> values) {
      this(name, values, Optional.empty());
    }

    /** The strings joined, as a loader that reads a one-element array sees them. */
    public String joined() {
      return String.join("", values);
    }
  }

  /**
   * An attribute that is not text, or a text array longer than the limit: not decoded.
   *
   * @param name the name
   * @param type what jhdf says its type is
   */
  record Other(String name, String type) implements Hdf5Attribute {}

  /**
   * A text attribute whose value could not be read (a bad heap reference, for instance).
   *
   * @param name the name
   * @param problem what failed
   */
  record Unreadable(String name, String problem) implements Hdf5Attribute {}
}
