package dev.custody.policy;

import java.util.Locale;

/** What a failed rule does to the decision. */
public enum RuleAction {
  /** The model is denied. */
  DENY,
  /** The model may still be allowed; the failure is reported as a warning. */
  WARN;

  /** The lowercase name used in policy files and reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
