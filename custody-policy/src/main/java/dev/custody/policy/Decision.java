package dev.custody.policy;

import dev.custody.evidence.Evidence;
import java.util.List;

/**
 * The answer to "may this model be used here?": allowed when no rule denies it, with each rule's
 * outcome and the evidence it was decided on.
 *
 * @param policy the policy's name
 * @param allowed true when no rule denied the model
 * @param outcomes every rule's outcome, in policy order
 * @param evidence the evidence the rules looked at
 */
public record Decision(
    String policy, boolean allowed, List<RuleOutcome> outcomes, Evidence evidence) {

  /** Copies the outcomes and checks {@code allowed} agrees with them. */
  public Decision {
    outcomes = List.copyOf(outcomes);
    if (allowed != outcomes.stream().noneMatch(RuleOutcome::denies)) {
      throw new IllegalArgumentException("allowed disagrees with the rule outcomes");
    }
  }

  /** A decision following from {@code outcomes}. */
  static Decision of(String policy, List<RuleOutcome> outcomes, Evidence evidence) {
    return new Decision(
        policy, outcomes.stream().noneMatch(RuleOutcome::denies), outcomes, evidence);
  }

  /** The outcomes that deny the model. */
  public List<RuleOutcome> denials() {
    return outcomes.stream().filter(RuleOutcome::denies).toList();
  }

  /** The outcomes that warn. */
  public List<RuleOutcome> warnings() {
    return outcomes.stream().filter(RuleOutcome::warns).toList();
  }
}
