package dev.custody.format.oms;

import dev.custody.internal.Untrusted;
import java.util.Set;

/**
 * A Sigstore bundle as OMS uses it: how to check the signature, and the signed envelope.
 *
 * @param mediaType the bundle media type, one of {@link #MEDIA_TYPES}
 * @param material the public key hint, certificate chain or keyless certificate
 * @param envelope the DSSE envelope holding the signed statement
 */
public record Bundle(String mediaType, VerificationMaterial material, Envelope envelope) {
  /** The media type custody writes, as the reference implementation does. */
  public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";

  /** The media types accepted on reading: every Sigstore bundle version with a DSSE envelope. */
  public static final Set<String> MEDIA_TYPES =
      Set.of(
          MEDIA_TYPE,
          "application/vnd.dev.sigstore.bundle+json;version=0.1",
          "application/vnd.dev.sigstore.bundle+json;version=0.2",
          "application/vnd.dev.sigstore.bundle+json;version=0.3");

  /** Checks the media type. */
  public Bundle {
    if (!MEDIA_TYPES.contains(mediaType)) {
      throw new IllegalArgumentException("unknown bundle media type " + Untrusted.quote(mediaType));
    }
  }
}
