package dev.custody.sign;

import java.nio.file.Path;

/**
 * Trust for keyless (Sigstore) signatures: the roots of the certificate authority, transparency log
 * and timestamp authorities, and the one identity that must have signed.
 *
 * @param trustedRoot a Sigstore {@code trusted_root.json} file, read offline
 * @param identity the certificate identity that must match exactly (email or URI)
 * @param issuer the OIDC issuer URL that must match exactly
 */
public record KeylessTrust(Path trustedRoot, String identity, String issuer) {
  /** Refuses blank identities and issuers: an empty matcher would trust everyone. */
  public KeylessTrust {
    if (identity.isBlank()) {
      throw new IllegalArgumentException("keyless identity is blank (expected an email or URI)");
    }
    if (issuer.isBlank()) {
      throw new IllegalArgumentException("keyless issuer is blank (expected an OIDC issuer URL)");
    }
  }
}
