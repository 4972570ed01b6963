/**
 * A hardened reader of GGUF files (llama.cpp's model format), versions 1 to 3, little- and
 * big-endian. {@link GgufReader} reads the header, every metadata value (nested arrays included)
 * and every tensor description with overflow-safe lengths checked against the bytes present, and
 * checks tensor sizes, alignment and layout the way llama.cpp's reference reader does, reporting
 * departures as {@link GgufFile.Problem problems}. It is total and bounded by {@link GgufLimits}.
 * {@link JinjaLexer} splits a chat template (a Jinja2 program) into tokens for the scanner's rules.
 * This package knows nothing of rules or findings.
 */
@NullMarked
package dev.custody.format.gguf;

import org.jspecify.annotations.NullMarked;
