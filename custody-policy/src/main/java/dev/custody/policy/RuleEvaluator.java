package dev.custody.policy;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one compiled rule over the evidence, within the {@link EvaluationLimits}: every
 * evaluated node costs a step, and the clock is read every few thousand steps. Anything other than
 * {@code true} or {@code false} (an error, a missing field, a limit, a non-boolean result) is an
 * {@code ERROR} outcome, which denies.
 */
final class RuleEvaluator {
  /** Thrown from the evaluation listener to stop a rule that spent its budget. */
  private static final class OverBudget extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OverBudget(String message) {
      super(message, null, false, false);
    }
  }

  private static final int CLOCK_EVERY = 4096;
  private static final int MAX_SHOWN = 8;

  private final EvaluationLimits limits;

  RuleEvaluator(EvaluationLimits limits) {
    this.limits = limits;
  }

  RuleOutcome evaluate(CompiledRule compiled, Map<String, Object> variables) {
    PolicyRule rule = compiled.rule();
    Map<String, String> seen = new LinkedHashMap<>();
    long[] steps = {0};
    long deadline = System.nanoTime() + limits.maxTime().toNanos();
    Object result;
    try {
      result =
          compiled
              .program()
              .trace(
                  variables,
                  (CelExpr expr, Object value) -> {
                    spend(steps, deadline);
                    String text = compiled.shown().get(expr.id());
                    if (text != null && seen.size() < MAX_SHOWN && !seen.containsKey(text)) {
                      seen.put(text, ValueText.of(value));
                    }
                  });
    } catch (CelEvaluationException e) {
      return error(rule, seen, describe(e));
    } catch (OverBudget e) {
      return error(rule, seen, String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      // CEL's interpreter is not ours: whatever it throws denies, naming the rule.
      return error(rule, seen, "evaluation failed: " + CelText.clean(String.valueOf(e)));
    }
    if (!(result instanceof Boolean passed)) {
      return error(
          rule,
          seen,
          "require gave " + ValueText.of(result) + ", not a boolean (true passes, false fails)");
    }
    return new RuleOutcome(
        rule.name(),
        rule.action(),
        passed ? RuleOutcome.Status.PASSED : RuleOutcome.Status.FAILED,
        passed ? "" : rule.message(),
        "",
        lookedAt(seen));
  }

  private void spend(long[] steps, long deadline) {
    long spent = ++steps[0];
    if (spent > limits.maxSteps()) {
      throw new OverBudget(
          "the rule is too costly: it evaluated more than "
              + limits.maxSteps()
              + " expression steps (simplify it, e.g. avoid nesting loops over files or"
              + " findings)");
    }
    if (spent % CLOCK_EVERY == 0 && System.nanoTime() - deadline > 0) {
      throw new OverBudget(
          "the rule is too costly: it ran longer than " + limits.maxTime().toMillis() + " ms");
    }
  }

  private static String describe(CelEvaluationException e) {
    // CEL wraps the real problem (a missing key, a helper refusing its argument, the budget) in
    // "evaluation error at <input>:N"; the cause says it plainly.
    Throwable cause = e.getCause();
    if (cause instanceof OverBudget over) {
      return String.valueOf(over.getMessage());
    }
    String message =
        cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
    return CelText.clean(String.valueOf(message));
  }

  private static RuleOutcome error(PolicyRule rule, Map<String, String> seen, String why) {
    return new RuleOutcome(
        rule.name(), rule.action(), RuleOutcome.Status.ERROR, rule.message(), why, lookedAt(seen));
  }

  private static List<LookedAt> lookedAt(Map<String, String> seen) {
    List<LookedAt> out = new ArrayList<>();
    seen.forEach((expression, value) -> out.add(new LookedAt(expression, value)));
    return out;
  }
}
