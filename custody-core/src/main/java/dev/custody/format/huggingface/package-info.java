/**
 * Hugging Face model metadata, read as hostile input: the YAML front matter of a model card ({@code
 * README.md}) with {@link ModelCardReader}, and the architecture fields of {@code config.json} with
 * {@link ModelConfigReader}. Both are bounded, keep only the fields an AI-BOM reports, and throw
 * {@link MalformedMetadataException} for anything else.
 */
@NullMarked
package dev.custody.format.huggingface;

import org.jspecify.annotations.NullMarked;
