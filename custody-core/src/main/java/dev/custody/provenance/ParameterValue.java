package dev.custody.provenance;

import java.math.BigDecimal;

/**
 * One training parameter's value, as given: text from {@code --param KEY=VALUE}, or the JSON scalar
 * a parameters file holds (its type kept, so {@code 0.001} stays a number).
 */
public sealed interface ParameterValue
    permits ParameterValue.Text, ParameterValue.Decimal, ParameterValue.Flag {

  /** The value as people read it. */
  String display();

  /**
   * A text value.
   *
   * @param value the text, possibly empty
   */
  record Text(String value) implements ParameterValue {
    /** Checks the length. */
    public Text {
      if (value.length() > Checks.MAX_TEXT) {
        throw new IllegalArgumentException(
            "a parameter value is longer than " + Checks.MAX_TEXT + " characters");
      }
      if (!Checks.isWellFormed(value)) {
        throw new IllegalArgumentException(
            "a parameter value holds a lone UTF-16 surrogate (not Unicode text)");
      }
    }

    @Override
    public String display() {
      return value;
    }
  }

  /**
   * A number, exactly as written.
   *
   * @param value the number
   */
  record Decimal(BigDecimal value) implements ParameterValue {
    @Override
    public String display() {
      return value.toString();
    }
  }

  /**
   * {@code true} or {@code false}.
   *
   * @param value the boolean
   */
  record Flag(boolean value) implements ParameterValue {
    @Override
    public String display() {
      return String.valueOf(value);
    }
  }
}
