package dev.custody.format.oms;

import dev.custody.model.Bytes;
import org.jspecify.annotations.Nullable;

/**
 * One signature of a DSSE envelope.
 *
 * @param keyId the key id; OMS key and certificate signers write {@code ""}, keyless bundles and
 *     old bundles omit it or write {@code null}
 * @param signature the DER-encoded ECDSA signature over the envelope's {@link Envelope#pae() PAE}
 */
public record EnvelopeSignature(@Nullable String keyId, Bytes signature) {}
