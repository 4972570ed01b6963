package dev.custody.evidence;

import dev.custody.finding.RuleId;
import dev.custody.finding.Severity;

/**
 * One scan finding, as a policy sees it.
 *
 * @param rule the stable rule id, e.g. {@code PICKLE-001}
 * @param severity how bad
 * @param file the model-relative file it was found in
 * @param location where inside the file: containers and byte offset, e.g. {@code archive/data.pkl @
 *     57}
 * @param title the rule's one-line title
 * @param subject what is involved, e.g. {@code os.system} (already escaped for display)
 */
public record FindingEvidence(
    RuleId rule, Severity severity, String file, String location, String title, String subject) {
  /** Checks the texts. */
  public FindingEvidence {
    Texts.requireText("a finding's file", file);
    Texts.requireText("a finding's title", title);
    Texts.requireBounded("a finding's location", location);
    Texts.requireBounded("a finding's subject", subject);
  }
}
