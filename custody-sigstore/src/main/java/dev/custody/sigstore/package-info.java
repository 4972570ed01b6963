/**
 * Keyless (Sigstore) verification for custody through sigstore-java, offline: the trust comes from
 * a local {@code trusted_root.json}, never from TUF or the network. The core finds it through
 * {@link java.util.ServiceLoader} as a {@link dev.custody.sign.KeylessVerifier}; no sigstore-java
 * type appears in this package's public API or escapes it in an exception.
 */
@NullMarked
package dev.custody.sigstore;

import org.jspecify.annotations.NullMarked;
