package dev.custody.finding;

import dev.custody.internal.Untrusted;
import java.util.Locale;

/**
 * How bad a finding is. The natural order runs from most to least severe, so sorting findings puts
 * the worst first; {@link #isAtLeast} answers "does this fail a gate set at {@code threshold}".
 */
public enum Severity {
  /** Loading the file runs code an attacker chose, or can; never load it. */
  CRITICAL,
  /** Loading the file runs code nobody vetted, or the file hides something from scanners. */
  HIGH,
  /** Something unusual that needs a person's look before loading. */
  MEDIUM,
  /** Oddities a real writer rarely produces; worth knowing, not blocking. */
  LOW,
  /** Facts about the file, no risk implied. */
  INFO;

  /** True when this severity is {@code threshold} or worse. */
  public boolean isAtLeast(Severity threshold) {
    return compareTo(threshold) <= 0;
  }

  /**
   * Parses a severity name in any case, e.g. {@code high}.
   *
   * @throws IllegalArgumentException if {@code text} names no severity
   */
  public static Severity parse(String text) {
    for (Severity severity : values()) {
      if (severity.name().equalsIgnoreCase(text.strip())) {
        return severity;
      }
    }
    throw new IllegalArgumentException(
        "not a severity: "
            + Untrusted.quote(text)
            + " (expected one of critical, high, medium, low, info)");
  }

  /** The lowercase name, as users type it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
