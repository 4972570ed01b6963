/**
 * Lineage: what a model was made from and what was made from it, walked through signed provenance
 * attestations in an evidence store, each link verified against a trust policy and marked plainly
 * when it is broken. The walk ({@link dev.custody.lineage.LineageWalker}) reads only through the
 * {@link dev.custody.store.EvidenceStore} interface, so the registry can walk its own store.
 */
@NullMarked
package dev.custody.lineage;

import org.jspecify.annotations.NullMarked;
