package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.finding.RuleId;
import dev.custody.finding.Severity;

/**
 * A rule as its data file describes it.
 *
 * @param id stable identifier
 * @param severity default severity of its findings
 * @param title one line
 * @param explanation what a finding means, for someone about to load the file
 * @param remedy what to do
 */
public record Rule(RuleId id, Severity severity, String title, String explanation, String remedy) {

  /** Checks the texts are present. */
  public Rule {
    if (title.isBlank() || explanation.isBlank() || remedy.isBlank()) {
      throw new IllegalArgumentException("rule " + id + " needs a title, explanation and remedy");
    }
  }

  /** A finding of this rule at its own severity; {@code detail} opens the explanation. */
  Finding finding(Location location, String subject, String detail) {
    return finding(severity, location, subject, detail);
  }

  /** A finding of this rule at {@code ranked} severity (a denylist entry ranks its own). */
  Finding finding(Severity ranked, Location location, String subject, String detail) {
    return new Finding(id, ranked, title, location, subject, detail + " " + explanation, remedy);
  }
}
