package dev.custody.policy;

import dev.custody.policy.yaml.Mark;

/**
 * One rule of a policy: a CEL expression over the evidence that must be true for the model to pass.
 *
 * @param name a short unique name, shown in every decision
 * @param require the CEL expression; the rule passes when it evaluates to {@code true}
 * @param message what a failure means, in plain words (shown when the rule fails)
 * @param action whether a failure denies the model or only warns
 * @param mark where the rule starts in the policy file
 * @param requireMark where the expression starts in the policy file
 */
public record PolicyRule(
    String name, String require, String message, RuleAction action, Mark mark, Mark requireMark) {}
