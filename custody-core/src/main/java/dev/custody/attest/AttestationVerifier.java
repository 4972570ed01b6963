package dev.custody.attest;

import dev.custody.digest.DigestException;
import dev.custody.digest.DigestOptions;
import dev.custody.digest.ModelDigester;
import dev.custody.format.oms.Bundle;
import dev.custody.format.oms.BundleReader;
import dev.custody.format.oms.MalformedBundleException;
import dev.custody.format.oms.PredicateType;
import dev.custody.format.oms.ProvenanceReader;
import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.provenance.BuildEnvironment;
import dev.custody.provenance.Provenance;
import dev.custody.sign.EnvelopeVerifier;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.VerificationException;
import dev.custody.sign.VerificationException.Reason;
import dev.custody.sign.VerifiedSignature;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Verifies provenance attestations: the bundle is well formed, signed by a signer the trust policy
 * accepts, holds SLSA provenance of custody's training build type, and its subject is the model in
 * hand. Every failure is a {@link VerificationException} with a {@link Reason}.
 *
 * <pre>{@code
 * VerifiedAttestation verified = new AttestationVerifier(trust)
 *     .verify(Path.of("my-model"), Path.of("my-model.intoto.json"), DigestOptions.defaults());
 * verified.provenance().datasets();   // what the signer says the model was trained on
 * }</pre>
 */
public final class AttestationVerifier {
  private final EnvelopeVerifier envelopes;

  /** A verifier trusting {@code trust}. */
  public AttestationVerifier(TrustPolicy trust) {
    this(trust, Clock.systemUTC());
  }

  /** A verifier trusting {@code trust} whose "now" comes from {@code clock}. */
  public AttestationVerifier(TrustPolicy trust, Clock clock) {
    this.envelopes = new EnvelopeVerifier(trust, clock);
  }

  /**
   * Checks an attestation's form and signature, taking its subject as claimed: for walking evidence
   * whose subject is checked elsewhere (a lineage link compares it with its parent).
   */
  public VerifiedAttestation verifySignature(byte[] bundleJson) throws VerificationException {
    Bundle bundle = read(bundleJson);
    Provenance provenance = provenance(bundle.envelope().payload().toByteArray());
    VerifiedSignature signature =
        envelopes.verify(bundleJson, bundle, provenance.subject().digest());
    return new VerifiedAttestation(
        signature.signer(),
        signature.trustEntry(),
        provenance,
        Attestation.sha256(bundleJson),
        signature.warnings());
  }

  /**
   * Verifies an attestation of the model whose root digest is {@code model}.
   *
   * @throws VerificationException with {@link Reason#SUBJECT_MISMATCH} if it attests another model
   */
  public VerifiedAttestation verify(Digest model, byte[] bundleJson) throws VerificationException {
    VerifiedAttestation verified = verifySignature(bundleJson);
    Digest subject = verified.subjectDigest();
    if (!subject.equals(model)) {
      throw new VerificationException(
          Reason.SUBJECT_MISMATCH,
          "the attestation is about the model "
              + subject
              + ", not the model in hand ("
              + model
              + "); it attests another model or another version of it, or the model changed"
              + " since; find the attestation of this model, or attest it");
    }
    return verified;
  }

  /**
   * Verifies the attestation in {@code attestation} against the model at {@code model}. The model
   * is digested with the hash and serialization the attestation records, and otherwise with {@code
   * options} (ignored paths, symlinks, threads), after the signature has verified.
   */
  public VerifiedAttestation verify(Path model, Path attestation, DigestOptions options)
      throws VerificationException {
    byte[] bundleJson = readFile(attestation);
    VerifiedAttestation signed = verifySignature(bundleJson);
    Digest actual =
        digest(model, signed.provenance().buildDefinition().internalParameters(), options);
    return verify(actual, bundleJson);
  }

  private static Digest digest(Path model, BuildEnvironment recorded, DigestOptions options)
      throws VerificationException {
    DigestOptions same =
        options.withHash(recorded.digestHash()).withShardSize(recorded.shardSize());
    try {
      return new ModelDigester(same).digest(model).rootDigest();
    } catch (DigestException e) {
      throw new VerificationException(Reason.MODEL_UNREADABLE, e.getMessage(), e);
    }
  }

  private static byte[] readFile(Path attestation) throws VerificationException {
    try {
      return BoundedFiles.read(attestation, BundleReader.MAX_BUNDLE_BYTES);
    } catch (NoSuchFileException e) {
      throw new VerificationException(
          Reason.SIGNATURE_UNREADABLE,
          "no attestation at "
              + Untrusted.quote(attestation.toString())
              + "; the model has no provenance here, or it is elsewhere (pass --attestation FILE)",
          e);
    } catch (IOException e) {
      throw new VerificationException(
          Reason.SIGNATURE_UNREADABLE,
          "cannot read the attestation " + Untrusted.quote(attestation.toString()) + ": " + e,
          e);
    }
  }

  private static Bundle read(byte[] bundleJson) throws VerificationException {
    try {
      return BundleReader.read(bundleJson);
    } catch (MalformedBundleException e) {
      throw malformed("the attestation is not a valid Sigstore bundle: " + e.getMessage(), e);
    }
  }

  private static Provenance provenance(byte[] payload) throws VerificationException {
    String predicateType;
    try {
      predicateType = ProvenanceReader.predicateType(payload);
    } catch (MalformedBundleException e) {
      throw malformed("the attested statement is not an in-toto statement: " + e.getMessage(), e);
    }
    if (!predicateType.equals(Provenance.PREDICATE_TYPE)) {
      throw new VerificationException(
          Reason.WRONG_PREDICATE_TYPE,
          "the bundle holds a statement of type "
              + Untrusted.quote(predicateType)
              + ", not provenance ("
              + Provenance.PREDICATE_TYPE
              + ")"
              + (isModelSignature(predicateType)
                  ? "; it is a model signature: check it with 'custody verify'"
                  : "; pass the attestation written by 'custody attest'"));
    }
    try {
      return ProvenanceReader.read(payload);
    } catch (MalformedBundleException e) {
      throw malformed("the attested provenance is not valid: " + e.getMessage(), e);
    }
  }

  private static boolean isModelSignature(String predicateType) {
    for (PredicateType type : PredicateType.values()) {
      if (type.uri().equals(predicateType)) {
        return true;
      }
    }
    return false;
  }

  private static VerificationException malformed(String message, @Nullable Throwable cause) {
    return new VerificationException(
        Reason.MALFORMED_SIGNATURE,
        message + "; the file was damaged or altered: get the attestation again from its source",
        cause);
  }
}
