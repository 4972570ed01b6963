package dev.custody.policy;

import dev.custody.evidence.Evidence;
import dev.custody.sign.TrustPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy ready to decide: its trust read into keys, roots and identities, its rules compiled.
 * Immutable and thread-safe; compile once, evaluate many times.
 */
public final class CompiledPolicy {
  private final Policy policy;
  private final Optional<TrustPolicy> trust;
  private final List<CompiledRule> rules;
  private final RuleEvaluator evaluator;

  CompiledPolicy(
      Policy policy,
      Optional<TrustPolicy> trust,
      List<CompiledRule> rules,
      EvaluationLimits limits) {
    this.policy = policy;
    this.trust = trust;
    this.rules = List.copyOf(rules);
    this.evaluator = new RuleEvaluator(limits);
  }

  /** The policy as written. */
  public Policy policy() {
    return policy;
  }

  /** Whom the policy trusts; empty when its trust section is empty. */
  public Optional<TrustPolicy> trust() {
    return trust;
  }

  /** Evaluates every rule over {@code evidence}. Never throws: a rule that errs denies. */
  public Decision evaluate(Evidence evidence) {
    Map<String, Object> variables = EvidenceVariables.of(evidence);
    List<RuleOutcome> outcomes = new ArrayList<>(rules.size());
    for (CompiledRule rule : rules) {
      outcomes.add(evaluator.evaluate(rule, variables));
    }
    return Decision.of(policy.name(), outcomes, evidence);
  }
}
