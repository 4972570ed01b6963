package dev.custody.scan;

import dev.custody.finding.RuleId;

/** The archive rules custody's code fires; their texts and severities live in the rule data. */
enum ArchiveRule {
  TRAVERSAL("ARCHIVE-001"),
  ABSOLUTE_NAME("ARCHIVE-002"),
  LINK_ESCAPE("ARCHIVE-003"),
  SPECIAL_FILE("ARCHIVE-004"),
  DUPLICATE_NAME("ARCHIVE-005"),
  BOMB("ARCHIVE-006"),
  LIMIT_REACHED("ARCHIVE-007"),
  MALFORMED("ARCHIVE-008"),
  UNSCANNABLE("ARCHIVE-009"),
  TOO_DEEP("ARCHIVE-010"),
  AFTER_END("ARCHIVE-011"),
  INTERNAL_LINK("ARCHIVE-012");

  private final String id;

  ArchiveRule(String id) {
    this.id = id;
  }

  RuleId id() {
    return new RuleId(id);
  }
}
