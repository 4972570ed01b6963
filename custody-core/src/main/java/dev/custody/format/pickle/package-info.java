/**
 * A hardened reader of Python pickles, protocols 0 to 5. {@link PickleReader} never executes
 * anything: it runs the pickle machine symbolically, the way CPython's C unpickler would (frames,
 * memo, marks, name resolution), and returns what loading the bytes would import and call as a
 * {@link PickleProgram}. It is total and bounded by {@link Limits}. This package knows nothing of
 * rules or findings; {@code dev.custody.scan} judges what it reports.
 */
@NullMarked
package dev.custody.format.pickle;

import org.jspecify.annotations.NullMarked;
