/**
 * The digest engine: walks a model folder (or takes a single file) and builds its OMS {@link
 * dev.custody.model.Manifest}, hashing files and shards in parallel with fixed-size buffers. Entry
 * point: {@link dev.custody.digest.ModelDigester}.
 */
@NullMarked
package dev.custody.digest;

import org.jspecify.annotations.NullMarked;
