package dev.custody.scan;

import dev.custody.finding.RuleId;

/** The rules the {@link Scanner} itself fires; texts and severities live in the rule data. */
enum ScanRule {
  TOO_DEEP("SCAN-001"),
  BUDGET_EXHAUSTED("SCAN-002"),
  NOT_SCANNED("SCAN-003");

  private final String id;

  ScanRule(String id) {
    this.id = id;
  }

  RuleId id() {
    return new RuleId(id);
  }
}
