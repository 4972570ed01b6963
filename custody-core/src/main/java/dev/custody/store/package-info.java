/**
 * The evidence store: signatures and provenance attestations filed by the root digest of the model
 * they are about, and found again by that digest or by a digest they depend on (for walking lineage
 * downwards). {@link dev.custody.store.EvidenceStore} is the interface; {@link
 * dev.custody.store.LocalEvidenceStore} keeps a folder, and the registry will be a second
 * implementation. A store holds evidence, it does not vouch for it: whoever reads evidence verifies
 * it against their own trust policy.
 */
@NullMarked
package dev.custody.store;

import org.jspecify.annotations.NullMarked;
