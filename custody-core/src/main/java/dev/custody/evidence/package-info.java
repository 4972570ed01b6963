/**
 * The evidence about one model that a policy decides on: what the model is (root digest, files),
 * what the scan found, which signatures verified and which did not (and why), what attestations and
 * the bill of materials say. Value types that check themselves and do no I/O; {@link
 * dev.custody.evidence.EvidenceJson} writes and strictly reads the versioned JSON form
 * (docs/evidence.md).
 */
@NullMarked
package dev.custody.evidence;

import org.jspecify.annotations.NullMarked;
