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
    if (!isWellFormed(value)) {
      throw new IllegalArgumentException(
          what + " holds a lone UTF-16 surrogate (not Unicode text)");
    }
    return value;
  }

  /**
   * Whether every surrogate is paired. A JSON escape can smuggle a lone one in ({@code \ud800}); it
   * is no character, and no JSON writer can write it back as UTF-8.
   */
  static boolean isWellFormed(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
