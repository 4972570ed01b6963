package dev.custody.scan;

import dev.custody.finding.RuleId;

/** The HDF5 rules custody's code fires; texts and severities live in hdf5-rules.properties. */
enum Hdf5Rule {
  UNREADABLE("HDF5-001"),
  LIMIT_REACHED("HDF5-002");

  private final String id;

  Hdf5Rule(String id) {
    this.id = id;
  }

  RuleId id() {
    return new RuleId(id);
  }
}
