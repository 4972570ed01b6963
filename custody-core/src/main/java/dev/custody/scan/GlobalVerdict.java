package dev.custody.scan;

import dev.custody.finding.Severity;

/** What custody's lists say about one (module, name) global. */
sealed interface GlobalVerdict {

  /** On the allowlist, exactly. */
  record Allowed() implements GlobalVerdict {}

  /**
   * On the denylist.
   *
   * @param severity the entry's rank
   * @param matched the denylist entry that matched, e.g. {@code os.*} or {@code builtins.eval}
   * @param why what the entry does, for the explanation
   */
  record Denied(Severity severity, String matched, String why) implements GlobalVerdict {}

  /**
   * The dotted name walks through a double-underscore attribute.
   *
   * @param component the attribute, e.g. {@code __globals__}
   */
  record Internals(String component) implements GlobalVerdict {}

  /** On neither list. */
  record Unknown() implements GlobalVerdict {}
}
