/**
 * Gathering the {@link dev.custody.evidence.Evidence} about a model through the library's own entry
 * points: the {@link dev.custody.scan.Scanner}, the {@link dev.custody.sign.ModelVerifier} against
 * a trust policy, and seams for attestations and the bill of materials. The model is hashed once.
 */
@NullMarked
package dev.custody.gather;

import org.jspecify.annotations.NullMarked;
