package dev.custody.policy;

import dev.custody.policy.yaml.Mark;

/** One entry of a policy's {@code trust:} section, as written (files not read yet). */
public sealed interface TrustEntry permits TrustEntry.Key, TrustEntry.Root, TrustEntry.Identity {
  /** The entry's name, which evidence reports as the trust entry a signature matched. */
  String name();

  /** Where the entry is in the policy file. */
  Mark mark();

  /**
   * A trusted public key.
   *
   * @param name the entry's name
   * @param publicKey the key's PEM
   * @param mark where the entry is
   */
  record Key(String name, PemSource publicKey, Mark mark) implements TrustEntry {}

  /**
   * A trusted certificate authority.
   *
   * @param name the entry's name
   * @param certificate the CA certificate's PEM
   * @param mark where the entry is
   */
  record Root(String name, PemSource certificate, Mark mark) implements TrustEntry {}

  /**
   * A trusted keyless (Sigstore) identity.
   *
   * @param name the entry's name
   * @param trustedRoot the Sigstore {@code trusted_root.json}, relative to the policy file
   * @param issuer the OIDC issuer that must match exactly
   * @param subject the certificate identity that must match exactly
   * @param mark where the entry is
   */
  record Identity(String name, String trustedRoot, String issuer, String subject, Mark mark)
      implements TrustEntry {}
}
