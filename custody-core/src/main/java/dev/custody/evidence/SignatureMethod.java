package dev.custody.evidence;

import java.util.Locale;

/** How a signature vouches for its signer. */
public enum SignatureMethod {
  /** A bare public key the policy trusts. */
  KEY,
  /** An X.509 certificate chaining to a root the policy trusts. */
  CERTIFICATE,
  /** A Sigstore keyless certificate for an identity the policy trusts. */
  KEYLESS;

  /** The lowercase name used in evidence and policies. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The method named {@code label}.
   *
   * @throws IllegalArgumentException if it names none
   */
  public static SignatureMethod parse(String label) {
    for (SignatureMethod method : values()) {
      if (method.label().equals(label)) {
        return method;
      }
    }
    throw new IllegalArgumentException(
        "not a signature method: "
            + dev.custody.internal.Untrusted.quote(label)
            + " (expected key, certificate or keyless)");
  }
}
