package dev.custody.gather;

import dev.custody.digest.ManifestCache;
import dev.custody.evidence.AttestationEvidence;
import dev.custody.evidence.SignatureEvidence;
import dev.custody.model.Digest;
import dev.custody.sign.ModelVerifier;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.VerificationException;
import dev.custody.sign.VerifyOptions;
import dev.custody.store.EvidenceStore;
import dev.custody.store.EvidenceStoreException;
import dev.custody.store.StoredEvidence;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The signatures and attestations an evidence store holds about the model's root digest, each
 * checked like one found beside the model: signatures against the model on disk (through the
 * gatherer's manifest cache, so nothing is hashed again), attestations against the root digest. The
 * store is never believed on its own: it only says where to look.
 */
final class FromStore {
  /** What the store gave, checked; sources read {@code store:sha256:ID}. */
  record Found(List<SignatureEvidence> signatures, List<AttestationEvidence> attestations) {}

  private final EvidenceStore store;
  private final Optional<TrustPolicy> trust;
  private final Clock clock;

  FromStore(EvidenceStore store, Optional<TrustPolicy> trust, Clock clock) {
    this.store = store;
    this.trust = trust;
    this.clock = clock;
  }

  /**
   * Everything filed under {@code rootDigest}.
   *
   * @throws GatherException if the store cannot be listed (an unreadable entry is failed evidence)
   */
  Found about(Path model, Digest rootDigest, VerifyOptions options, ManifestCache manifests)
      throws GatherException {
    List<StoredEvidence> entries;
    try {
      entries = store.list(rootDigest);
    } catch (EvidenceStoreException e) {
      throw new GatherException(
          GatherException.Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
    }
    List<SignatureEvidence> signatures = new ArrayList<>();
    List<AttestationEvidence> attestations = new ArrayList<>();
    for (StoredEvidence entry : entries) {
      String source = "store:" + entry.id();
      switch (entry.kind()) {
        case SIGNATURE -> signatures.add(signature(source, entry, model, options, manifests));
        case ATTESTATION -> attestations.add(attestation(source, entry, rootDigest));
      }
    }
    return new Found(signatures, attestations);
  }

  private SignatureEvidence signature(
      String source,
      StoredEvidence entry,
      Path model,
      VerifyOptions options,
      ManifestCache manifests)
      throws GatherException {
    if (trust.isEmpty()) {
      return EvidenceGatherer.noTrust(source);
    }
    byte[] bytes;
    try {
      bytes = store.read(entry);
    } catch (EvidenceStoreException e) {
      return new SignatureEvidence.Failed(
          source, "store-unreadable", SignerFacts.cut(String.valueOf(e.getMessage())));
    }
    try {
      return SignerFacts.verified(
          source,
          new ModelVerifier(trust.orElseThrow(), clock).verify(model, bytes, options, manifests));
    } catch (VerificationException e) {
      if (e.reason() == VerificationException.Reason.MODEL_UNREADABLE) {
        throw new GatherException(
            GatherException.Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
      }
      return SignerFacts.failed(source, e);
    }
  }

  private AttestationEvidence attestation(String source, StoredEvidence entry, Digest rootDigest) {
    if (trust.isEmpty()) {
      return AttestationChecks.noTrust(source);
    }
    byte[] bytes;
    try {
      bytes = store.read(entry);
    } catch (EvidenceStoreException e) {
      return new AttestationEvidence.Failed(
          source, "store-unreadable", SignerFacts.cut(String.valueOf(e.getMessage())));
    }
    return AttestationChecks.check(source, bytes, rootDigest, trust.orElseThrow(), clock);
  }
}
