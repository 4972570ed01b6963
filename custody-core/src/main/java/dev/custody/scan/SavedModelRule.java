package dev.custody.scan;

import dev.custody.finding.RuleId;

/**
 * The TensorFlow SavedModel rules custody's code fires; their texts and severities live in {@code
 * rules/savedmodel-rules.properties}.
 */
enum SavedModelRule {
  PYTHON_CALLBACK("TF-001"),
  WRITES_FILES("TF-002"),
  READS_FILES("TF-003"),
  NETWORK("TF-004"),
  UNKNOWN_OP("TF-005"),
  FIXED_PATH_OUTSIDE("TF-006"),
  MALFORMED("TF-007"),
  LIMIT("TF-008"),
  KERAS_LAMBDA("TF-009"),
  KERAS_METADATA_UNREADABLE("TF-010");

  private final String id;

  SavedModelRule(String id) {
    this.id = id;
  }

  RuleId id() {
    return new RuleId(id);
  }
}
