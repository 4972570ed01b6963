package dev.custody.policy;

import dev.custody.finding.Severity;
import dev.custody.internal.Untrusted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * custody's CEL helpers, so that policies read like the rule they state (docs/policy.md):
 *
 * <ul>
 *   <li>{@code severity('high')}: a severity's rank, {@code none} -1, {@code info} 0 up to {@code
 *       critical} 4, to compare with {@code <} and {@code >=};
 *   <li>{@code scan.highestSeverity.atLeast('high')}: whether a severity is at or above another;
 *   <li>{@code scan.findingsAtLeast('high')}: the findings at or above a severity.
 * </ul>
 *
 * An unknown severity name is an evaluation error, so a typo denies rather than passes.
 */
final class Helpers {
  private Helpers() {}

  static Long severity(String name) {
    if (name.equals("none")) {
      return -1L;
    }
    for (Severity severity : Severity.values()) {
      if (severity.label().equals(name)) {
        return rank(severity);
      }
    }
    throw new IllegalArgumentException(
        "not a severity: "
            + Untrusted.quote(name)
            + " (expected none, info, low, medium, high or critical)");
  }

  private static long rank(Severity severity) {
    return switch (severity) {
      case CRITICAL -> 4L;
      case HIGH -> 3L;
      case MEDIUM -> 2L;
      case LOW -> 1L;
      case INFO -> 0L;
    };
  }

  static Boolean atLeast(String severity, String threshold) {
    return severity(severity) >= severity(threshold);
  }

  static List<Object> findingsAtLeast(Map<?, ?> scan, String threshold) {
    long floor = severity(threshold);
    if (!(scan.get("findings") instanceof List<?> findings)) {
      throw new IllegalArgumentException(
          "findingsAtLeast is called on the scan (scan.findingsAtLeast('high')), which has"
              + " findings; this value has none");
    }
    List<Object> out = new ArrayList<>();
    for (Object finding : findings) {
      if (finding instanceof Map<?, ?> map
          && map.get("severity") instanceof String severity
          && severity(severity) >= floor) {
        out.add(finding);
      }
    }
    return out;
  }
}
