package dev.custody.scan;

import dev.custody.finding.RuleId;

/** The Keras rules custody's code fires; texts and severities live in keras-rules.properties. */
enum KerasRule {
  LAMBDA_BYTECODE("KERAS-001"),
  NON_MODELING_FUNCTION("KERAS-002"),
  OUTSIDE_KERAS("KERAS-003"),
  REGISTERED_CUSTOM_OBJECT("KERAS-004"),
  PICKLED_TORCH_MODULE("KERAS-005"),
  REMOTE_LOCATION("KERAS-006"),
  UNREADABLE_CONFIG("KERAS-007"),
  UNREADABLE_HDF5("KERAS-008"),
  LIMIT_REACHED("KERAS-009");

  private final String id;

  KerasRule(String id) {
    this.id = id;
  }

  RuleId id() {
    return new RuleId(id);
  }
}
