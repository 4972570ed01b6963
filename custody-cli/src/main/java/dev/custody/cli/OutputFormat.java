package dev.custody.cli;

/** How a verb renders its result on stdout. */
enum OutputFormat {
  /** For people: short lines. */
  text,
  /** For programs: one JSON document. */
  json
}
