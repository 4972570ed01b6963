/**
 * Hardened readers and writers of untrusted formats, one package per format. Every reader is total
 * (it returns a value or throws its one declared exception) and bounded.
 */
@NullMarked
package dev.custody.format;

import org.jspecify.annotations.NullMarked;
