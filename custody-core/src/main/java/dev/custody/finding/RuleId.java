package dev.custody.finding;

import dev.custody.internal.Untrusted;
import java.util.regex.Pattern;

/**
 * A rule's stable identifier, such as {@code PICKLE-001}: an uppercase family name, a dash, three
 * digits. Identifiers never change meaning once released, so reports, suppressions and SARIF
 * results can refer to them.
 *
 * @param value the identifier text
 */
public record RuleId(String value) implements Comparable<RuleId> {
  private static final Pattern SHAPE = Pattern.compile("[A-Z][A-Z0-9]{1,15}-[0-9]{3}");

  /** Checks the shape {@code FAMILY-NNN}. */
  public RuleId {
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "not a rule id: "
              + Untrusted.quote(value)
              + " (expected an uppercase family, a dash and three digits, e.g. PICKLE-001)");
    }
  }

  /** The family, e.g. {@code PICKLE} for {@code PICKLE-001}. */
  public String family() {
    return value.substring(0, value.indexOf('-'));
  }

  @Override
  public int compareTo(RuleId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
