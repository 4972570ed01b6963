/**
 * Strict, bounded JSON: a small immutable tree read with Jackson's streaming parser, refusing
 * duplicate keys, trailing content, comments and anything over its limits. Format readers (the OMS
 * bundle, and later model configs and headers) build on it instead of a general object mapper.
 */
@NullMarked
package dev.custody.format.json;

import org.jspecify.annotations.NullMarked;
