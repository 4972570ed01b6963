package dev.custody.format.gguf;

import java.util.List;

/** A metadata value as read: a closed set. */
public sealed interface GgufValue permits GgufValue.Scalar, GgufValue.Text, GgufValue.Array {

  /** The value's GGUF type. */
  GgufType type();

  /**
   * A number or boolean. Integers keep their bits (unsigned 64-bit values may read negative);
   * floats are their IEEE bits widened to a double's.
   *
   * @param type the type
   * @param bits the integer value, or {@code Double.doubleToRawLongBits} of a float
   */
  record Scalar(GgufType type, long bits) implements GgufValue {}

  /**
   * A string.
   *
   * @param value the text, decoded leniently as UTF-8; empty when not retained
   * @param length its length in bytes
   * @param retained false when the string was longer than the limit and its text was skipped
   */
  record Text(String value, long length, boolean retained) implements GgufValue {
    @Override
    public GgufType type() {
      return GgufType.STRING;
    }
  }

  /**
   * An array.
   *
   * @param elementType the type of every element
   * @param count the number of elements
   * @param retained the first elements, up to the retention limit
   */
  record Array(GgufType elementType, long count, List<GgufValue> retained) implements GgufValue {
    /** Copies the elements. */
    public Array {
      retained = List.copyOf(retained);
    }

    @Override
    public GgufType type() {
      return GgufType.ARRAY;
    }
  }
}
