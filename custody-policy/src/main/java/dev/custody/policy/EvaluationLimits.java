package dev.custody.policy;

import java.time.Duration;

/**
 * What one rule may cost when it is evaluated. A rule over the limits fails to evaluate, and the
 * model is denied (fail closed), with a message that names the rule and the limit.
 *
 * @param maxSteps the most expression nodes evaluated (every visit of every sub-expression,
 *     including each iteration of {@code all}, {@code exists}, {@code map}...)
 * @param maxIterations the most iterations of any one comprehension
 * @param maxTime the most wall-clock time, checked as steps go
 */
public record EvaluationLimits(long maxSteps, int maxIterations, Duration maxTime) {
  /** Checks the limits are positive. */
  public EvaluationLimits {
    if (maxSteps < 1 || maxIterations < 1 || maxTime.isNegative() || maxTime.isZero()) {
      throw new IllegalArgumentException("evaluation limits must be positive");
    }
  }

  /**
   * 5,000,000 steps, 1,000,000 iterations, 5 seconds: a rule over every file and finding of the
   * largest model custody accepts (100,000 files) fits many times over; a rule that nests loops
   * over them does not.
   */
  public static EvaluationLimits defaults() {
    return new EvaluationLimits(5_000_000, 1_000_000, Duration.ofSeconds(5));
  }
}
