package dev.custody.evidence;

import java.util.regex.Pattern;

/** Checks shared by the evidence types. */
final class Texts {
  /** Reason codes and other machine tokens: lowercase words joined by dashes. */
  private static final Pattern TOKEN = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** The longest text a piece of evidence holds: messages, paths and names are cut before this. */
  static final int MAX_TEXT = 4096;

  private Texts() {}

  static void requireText(String what, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " is never blank");
    }
    requireBounded(what, value);
  }

  static void requireBounded(String what, String value) {
    if (value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          what + " is " + value.length() + " characters, more than the limit of " + MAX_TEXT);
    }
  }

  static void requireToken(String what, String value) {
    if (!TOKEN.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " "
              + dev.custody.internal.Untrusted.quote(value)
              + " is not a token (expected lowercase words joined by dashes, e.g."
              + " untrusted-signer)");
    }
  }
}
