package dev.custody.cli;

/** How {@code custody scan} renders its report. */
enum ScanFormat {
  /** For people: a line per file, then the findings grouped by file. */
  text,
  /** For programs: one JSON document, schema in docs/cli.md. */
  json,
  /** SARIF 2.1.0, for code-scanning dashboards. */
  sarif
}
