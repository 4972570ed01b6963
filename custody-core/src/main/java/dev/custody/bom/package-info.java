/**
 * The AI bill of materials: {@link AiBom} turns what is known about a model ({@link BomInputs}: its
 * OMS manifest, model card, config, Python packages, provenance and evidence files) into CycloneDX
 * 1.6 JSON (validated against the bundled 1.6 schema before it is returned) or SPDX 3.0.1 JSON-LD
 * with the AI and Dataset profiles. Output is deterministic: identifiers derive from the content,
 * and the only clock is an explicit timestamp.
 */
@NullMarked
package dev.custody.bom;

import org.jspecify.annotations.NullMarked;
