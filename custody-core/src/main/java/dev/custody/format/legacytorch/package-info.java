/**
 * The records of torch's oldest checkpoint format (torch &lt; 0.4, still tried first by every
 * {@code torch.load}): a tar whose {@code storages}, {@code tensors} and {@code pickle} members
 * interleave pickles with raw bytes. {@link TarCheckpointRecord} finds every pickle in a member
 * where torch's loader reads it, without reading the raw bytes as pickles.
 */
@NullMarked
package dev.custody.format.legacytorch;

import org.jspecify.annotations.NullMarked;
