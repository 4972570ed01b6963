package dev.custody.policy;

import java.util.List;

/**
 * What one rule said about one model.
 *
 * @param rule the rule's name
 * @param action what a failure does (deny or warn)
 * @param status passed, failed, or could not be evaluated
 * @param message the rule's message when it did not pass; empty when it passed
 * @param error why it could not be evaluated; empty unless the status is {@code ERROR}
 * @param lookedAt the evidence values the rule looked at
 */
public record RuleOutcome(
    String rule,
    RuleAction action,
    Status status,
    String message,
    String error,
    List<LookedAt> lookedAt) {

  /** Whether a rule held. */
  public enum Status {
    /** The expression was true. */
    PASSED,
    /** The expression was false. */
    FAILED,
    /** The expression could not be evaluated (an error or a cost limit): treated as a deny. */
    ERROR;

    /** The lowercase name used in reports. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Copies the list. */
  public RuleOutcome {
    lookedAt = List.copyOf(lookedAt);
  }

  /**
   * Whether this outcome denies the model: a failed deny rule, or any rule that could not be
   * evaluated (fail closed, whatever its action).
   */
  public boolean denies() {
    return status == Status.ERROR || (status == Status.FAILED && action == RuleAction.DENY);
  }

  /** Whether this outcome is a warning: a failed warn rule. */
  public boolean warns() {
    return status == Status.FAILED && action == RuleAction.WARN;
  }
}
