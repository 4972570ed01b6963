/**
 * Findings, format-neutral: what a scanner reports about a file, whatever the format (pickle, zip,
 * safetensors, GGUF, ONNX, Keras). Value types that check themselves and do no I/O; this package
 * depends on nothing else in custody except {@code internal}.
 */
@NullMarked
package dev.custody.finding;

import org.jspecify.annotations.NullMarked;
