package dev.custody.store;

import dev.custody.model.Digest;
import java.util.List;

/**
 * Where signatures and attestations are kept, by the model they are about. Implementations: a local
 * folder ({@link LocalEvidenceStore}) and, later, the registry (PostgreSQL for the index, S3 for
 * the bytes). Both file evidence by what its own statement says, never by what a caller claims, and
 * neither verifies signatures: a reader verifies what it gets against its own trust policy.
 */
public interface EvidenceStore {

  /**
   * Files a signature or attestation bundle under its statement's subject digest (and, for an
   * attestation, under every digest its resolved dependencies carry). Filing the same bytes twice
   * is harmless.
   *
   * @throws EvidenceStoreException if the bytes are not a signature or attestation custody reads,
   *     or cannot be stored
   */
  StoredEvidence put(byte[] bundleJson) throws EvidenceStoreException;

  /** Every piece of evidence about the model {@code subject}, signatures first, then by id. */
  List<StoredEvidence> list(Digest subject) throws EvidenceStoreException;

  /**
   * The attestations whose resolved dependencies carry {@code dependency}: the models made from a
   * dataset or base model, for walking lineage downwards.
   */
  List<StoredEvidence> dependents(Digest dependency) throws EvidenceStoreException;

  /**
   * The bytes of a piece of evidence, checked against its id.
   *
   * @throws EvidenceStoreException if it is missing, too large, or its bytes no longer match its id
   */
  byte[] read(StoredEvidence evidence) throws EvidenceStoreException;
}
