/** Fixture builders and golden-file helpers for custody's tests. Test scope only. */
@NullMarked
package dev.custody.testkit;

import org.jspecify.annotations.NullMarked;
