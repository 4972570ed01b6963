package dev.custody.policy;

/**
 * A value a rule looked at while it was evaluated, for the person reading the decision.
 *
 * @param expression the sub-expression, e.g. {@code scan.highestSeverity}
 * @param value its value, rendered short, e.g. {@code "critical"}
 */
public record LookedAt(String expression, String value) {
  @Override
  public String toString() {
    return expression + " = " + value;
  }
}
