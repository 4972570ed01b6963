package dev.custody.sign;

import java.util.List;

/**
 * Whom to believe. A signature is checked against the entries of its own kind: a key signature
 * against {@code keys}, a certificate chain against {@code roots}, a keyless signature against
 * {@code identities}. A signature whose kind has no entry is refused, never waved through.
 *
 * @param keys trusted public keys
 * @param roots trusted certificate authorities
 * @param identities trusted keyless identities, each with its Sigstore trusted root
 */
public record TrustPolicy(
    List<TrustedKey> keys, List<TrustedRoot> roots, List<KeylessTrust> identities) {

  /** Copies the lists and refuses an empty policy, which would trust no one. */
  public TrustPolicy {
    keys = List.copyOf(keys);
    roots = List.copyOf(roots);
    identities = List.copyOf(identities);
    if (keys.isEmpty() && roots.isEmpty() && identities.isEmpty()) {
      throw new IllegalArgumentException(
          "a trust policy needs at least one trusted key, root or identity");
    }
  }

  /** Trust exactly these keys. */
  public static TrustPolicy ofKeys(List<TrustedKey> keys) {
    return new TrustPolicy(keys, List.of(), List.of());
  }

  /** Trust certificates chaining to these roots. */
  public static TrustPolicy ofRoots(List<TrustedRoot> roots) {
    return new TrustPolicy(List.of(), roots, List.of());
  }

  /** Trust keyless signatures by this identity. */
  public static TrustPolicy ofIdentity(KeylessTrust identity) {
    return new TrustPolicy(List.of(), List.of(), List.of(identity));
  }
}
