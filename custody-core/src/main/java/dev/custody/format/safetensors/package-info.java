/**
 * A hardened reader of safetensors files: {@link SafetensorsReader} checks the header length, reads
 * the JSON header strictly (duplicate keys refused) and checks every tensor entry and the layout of
 * the data buffer the way the safetensors library does, reporting each departure as a {@link
 * SafetensorsFile.Problem}. It is total and bounded by {@link SafetensorsLimits}. This package
 * knows nothing of rules or findings; {@code dev.custody.scan} judges what it reports.
 */
@NullMarked
package dev.custody.format.safetensors;

import org.jspecify.annotations.NullMarked;
