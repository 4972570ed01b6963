/**
 * custody's value types: digests, model-relative paths, manifests. They check themselves when
 * built, so a value that exists is valid, and they do no I/O (ArchUnit enforces it).
 */
@NullMarked
package dev.custody.model;

import org.jspecify.annotations.NullMarked;
