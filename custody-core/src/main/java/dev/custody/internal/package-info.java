/**
 * Helpers shared by custody's modules. Not API: anything here may change without notice, so code
 * outside custody should not depend on it.
 */
@NullMarked
package dev.custody.internal;

import org.jspecify.annotations.NullMarked;
