package dev.custody.provenance;

import dev.custody.internal.Untrusted;

/** Shared argument checks of the provenance value types. */
final class Checks {
  /** The longest single text value: names, URIs, parameter values. */
  static final int MAX_TEXT = 64 * 1024;

  private Checks() {}

  /** {@code value}, unless it is empty or longer than {@link #MAX_TEXT}. */
  static String text(String value, String what) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          what + " " + Untrusted.quote(value) + " is longer than " + MAX_TEXT + " characters");
    }
    return value;
  }
}
