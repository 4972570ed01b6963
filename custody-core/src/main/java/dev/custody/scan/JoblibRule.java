package dev.custody.scan;

import dev.custody.finding.RuleId;

/** The joblib rules custody's code fires; their texts and severities live in the rule data. */
enum JoblibRule {
  SIDE_FILE("JOBLIB-001"),
  SIDE_FILE_OUTSIDE("JOBLIB-002"),
  ARRAY_UNSKIPPABLE("JOBLIB-003");

  private final String id;

  JoblibRule(String id) {
    this.id = id;
  }

  RuleId id() {
    return new RuleId(id);
  }
}
