/**
 * SLSA v1 provenance of a training or fine-tuning run, as value types that check themselves and do
 * no I/O: the trained model ({@link dev.custody.provenance.Subject}), what went in ({@link
 * dev.custody.provenance.BuildDefinition}: parameters, datasets, base models, code, software) and
 * how the run went ({@link dev.custody.provenance.RunDetails}). {@link
 * dev.custody.provenance.Provenance} is the whole in-toto statement; {@code
 * dev.custody.format.oms.ProvenanceWriter} and {@code ProvenanceReader} turn it into bytes and
 * back. The wire format is documented in docs/provenance.md.
 */
@NullMarked
package dev.custody.provenance;

import org.jspecify.annotations.NullMarked;
