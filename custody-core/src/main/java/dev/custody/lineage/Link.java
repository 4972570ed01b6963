package dev.custody.lineage;

import dev.custody.model.Digest;
import java.util.Optional;

/**
 * What one attestation says for a link of the lineage, checked: a closed set, so output switches
 * over every case. Every state but {@link Verified} is a broken link.
 */
public sealed interface Link {
  /** Whether the link holds. */
  default boolean broken() {
    return !(this instanceof Verified);
  }

  /** The state's name in output: {@code verified}, {@code digest-mismatch}. */
  String state();

  /**
   * The attestation verified against the trust and names the right artifacts.
   *
   * @param attestation the attestation's id in the store (SHA-256 of its bytes)
   * @param signer who signed it, as the verifier describes them
   * @param builder the builder it names
   */
  record Verified(Digest attestation, String signer, String builder) implements Link {
    @Override
    public String state() {
      return "verified";
    }
  }

  /** A model with no attestation in the store: how it was made is unknown. */
  record Missing() implements Link {
    @Override
    public String state() {
      return "missing-attestation";
    }
  }

  /**
   * The attestation could not be verified: bad or untrusted signature, malformed, unreadable, or
   * its bytes changed in the store.
   *
   * @param attestation its id in the store
   * @param reason a token, as the verifier names reasons ({@code untrusted-signer})
   * @param detail the verifier's message
   */
  record Unverifiable(Digest attestation, String reason, String detail) implements Link {
    @Override
    public String state() {
      return "unverifiable-signature";
    }
  }

  /**
   * The attestation verified but is not about the artifacts the store filed it under: its subject
   * is another model, or it does not name the parent it is filed as made from.
   *
   * @param attestation its id in the store
   * @param expected the digest the store filed it under
   * @param found the subject it attests, when that is what differs
   * @param detail what differs, in words
   */
  record DigestMismatch(Digest attestation, Digest expected, Optional<Digest> found, String detail)
      implements Link {
    @Override
    public String state() {
      return "digest-mismatch";
    }
  }

  /**
   * The artifact is already on the path from the start: attestations that lead in a circle.
   *
   * @param artifact the artifact met again
   */
  record Cycle(Digest artifact) implements Link {
    @Override
    public String state() {
      return "cycle";
    }
  }

  /**
   * The walk stopped here: more artifacts or deeper than the limits.
   *
   * @param detail which limit
   */
  record LimitReached(String detail) implements Link {
    @Override
    public String state() {
      return "limit-reached";
    }
  }
}
