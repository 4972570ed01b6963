package dev.custody.scan;

import dev.custody.finding.RuleId;

/** The container rules custody's code fires; texts and severities live in the rule data. */
enum ContainerRule {
  LOCAL_MISMATCH("ZIP-001"),
  CRC_MISMATCH("ZIP-002"),
  ENCRYPTED("ZIP-003"),
  DUPLICATE_NAME("ZIP-004"),
  UNSAFE_NAME("ZIP-005"),
  LIMIT_REACHED("ZIP-006"),
  UNREADABLE_MEMBER("ZIP-007"),
  LOCAL_ONLY("ZIP-008"),
  OVERLAP("ZIP-009"),
  MALFORMED("ZIP-010"),
  OFFSET_CONFUSION("ZIP-011"),
  SIZE_MISMATCH("ZIP-012"),
  SYMLINK("ZIP-013"),
  TORCHSCRIPT("TORCH-001"),
  TORCH_LAYOUT("TORCH-002"),
  LEGACY_HEADER("TORCH-003"),
  STORAGE_MISMATCH("TORCH-004"),
  NUMPY_OBJECTS("NUMPY-001"),
  NUMPY_HEADER("NUMPY-002"),
  TORCHSCRIPT_REACHES_OUT("TORCH-005"),
  TORCHSCRIPT_CUSTOM("TORCH-006"),
  TORCHSCRIPT_UNREAD("TORCH-007"),
  LEGACY_TAR("TORCH-008"),
  LEGACY_TAR_LAYOUT("TORCH-009");

  private final String id;

  ContainerRule(String id) {
    this.id = id;
  }

  RuleId id() {
    return new RuleId(id);
  }
}
