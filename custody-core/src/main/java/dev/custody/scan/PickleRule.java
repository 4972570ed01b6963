package dev.custody.scan;

import dev.custody.finding.RuleId;

/** The pickle rules custody's code fires; their texts and severities live in the rule data. */
enum PickleRule {
  DANGEROUS_GLOBAL("PICKLE-001"),
  COMPUTED_GLOBAL("PICKLE-002"),
  UNKNOWN_CALLABLE("PICKLE-003"),
  UNKNOWN_IMPORT("PICKLE-004"),
  COMPUTED_CALLABLE("PICKLE-005"),
  EXTENSION_CODE("PICKLE-006"),
  STATE_INJECTION("PICKLE-007"),
  FRAME_DIVERGENCE("PICKLE-008"),
  NESTED_UNSCANNED("PICKLE-009"),
  MALFORMED("PICKLE-010"),
  LIMIT_REACHED("PICKLE-011"),
  INTERNALS_WALK("PICKLE-012"),
  LATE_PROTOCOL("PICKLE-013"),
  DISCARDED_OBJECTS("PICKLE-014"),
  STACKED_PICKLES("PICKLE-015");

  private final String id;

  PickleRule(String id) {
    this.id = id;
  }

  RuleId id() {
    return new RuleId(id);
  }
}
