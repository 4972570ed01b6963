package dev.custody.policy;

import dev.custody.internal.Untrusted;

/** CEL's messages, made safe for a terminal and kept readable. */
final class CelText {
  private CelText() {}

  /**
   * Escaped and cut like any untrusted text; CEL quotes names with {@code '}, which stay as they
   * are (escaping keeps control characters out, not quotes).
   */
  static String clean(String message) {
    return Untrusted.escape(message).replace("\\'", "'");
  }
}
