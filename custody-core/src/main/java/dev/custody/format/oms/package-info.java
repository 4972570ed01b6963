/**
 * The OpenSSF Model Signing signature file: a Sigstore bundle (v0.3) holding a DSSE envelope whose
 * payload is an in-toto statement with the model's manifest. {@link
 * dev.custody.format.oms.BundleReader} and {@link dev.custody.format.oms.StatementReader} read it
 * strictly and within limits; the writers produce exactly what the reference implementation's
 * strict reader accepts.
 */
@NullMarked
package dev.custody.format.oms;

import org.jspecify.annotations.NullMarked;
