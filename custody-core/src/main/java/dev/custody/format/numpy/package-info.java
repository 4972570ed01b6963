/**
 * A hardened reader of numpy {@code .npy} headers. {@link NpyReader} parses the header dictionary
 * with a small bounded Python-literal parser (never an evaluator) and says where the data starts
 * and whether the dtype holds Python objects, in which case the data is a pickle.
 */
@NullMarked
package dev.custody.format.numpy;

import org.jspecify.annotations.NullMarked;
