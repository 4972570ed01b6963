package dev.custody.sign;

import org.jspecify.annotations.Nullable;

/**
 * A model could not be verified. The message says what failed, what was expected and what to do;
 * the {@link Reason} lets callers branch without parsing text.
 */
public final class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why verification failed. */
  public enum Reason {
    /** The signature file is missing or cannot be read. */
    SIGNATURE_UNREADABLE,
    /** The signature file is not a well-formed OMS bundle (the message names the field). */
    MALFORMED_SIGNATURE,
    /** The signature uses a method the trust source cannot check (a key bundle against CAs...). */
    WRONG_TRUST_SOURCE,
    /** The signature was made by a key or certificate the trust source does not trust. */
    UNTRUSTED_SIGNER,
    /** The signature does not verify over the signed bytes. */
    BAD_SIGNATURE,
    /** A certificate chain does not lead to a trusted root, or breaks a validity rule. */
    UNTRUSTED_CERTIFICATE,
    /** A keyless certificate was issued to another identity or by another issuer. */
    IDENTITY_MISMATCH,
    /** A transparency-log entry, inclusion proof or timestamp does not verify. */
    TRANSPARENCY_LOG,
    /** The signed statement does not describe itself consistently (root digest, subjects). */
    INCONSISTENT_STATEMENT,
    /** The model on disk differs from the signed manifest (files added, removed or changed). */
    MODEL_MISMATCH,
    /** The model could not be read or hashed. */
    MODEL_UNREADABLE,
    /**
     * The statement is of another kind than the one asked for (an OMS signature given as a
     * provenance attestation, or the reverse).
     */
    WRONG_PREDICATE_TYPE,
    /** An attestation's subject is not the model in hand (the message names both digests). */
    SUBJECT_MISMATCH,
    /** Something needed for this kind of signature is missing (the keyless module...). */
    UNSUPPORTED;

    /**
     * The reason as evidence, lineage and JSON output name it: {@code untrusted-signer}, {@code
     * model-mismatch}.
     */
    public String token() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private final Reason reason;
  private final @Nullable ManifestDiff diff;

  /** A failure for {@code reason}, explained by {@code message}. */
  public VerificationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
    this.diff = null;
  }

  /** A failure for {@code reason} caused by {@code cause}. */
  public VerificationException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.diff = null;
  }

  /**
   * A {@link Reason#MODEL_MISMATCH}: the model differs from what was signed as {@code diff} says.
   */
  public VerificationException(String message, ManifestDiff diff) {
    super(message);
    this.reason = Reason.MODEL_MISMATCH;
    this.diff = diff;
  }

  /** For a model mismatch, every added, removed and changed name; otherwise null. */
  public @Nullable ManifestDiff diff() {
    return diff;
  }

  /** Why verification failed. */
  public Reason reason() {
    return reason;
  }
}
