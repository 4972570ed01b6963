package dev.custody.store;

import dev.custody.format.oms.Bundle;
import dev.custody.format.oms.BundleReader;
import dev.custody.format.oms.MalformedBundleException;
import dev.custody.format.oms.PredicateType;
import dev.custody.format.oms.ProvenanceReader;
import dev.custody.format.oms.StatementReader;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.provenance.Provenance;
import dev.custody.provenance.ResolvedDependency;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a bundle is filed under, read from its own statement (unverified: filing is not trusting).
 *
 * @param kind signature or attestation
 * @param subject the statement's subject digest
 * @param dependencies the SHA-256 digests its resolved dependencies carry (attestations only)
 */
record EvidenceIndex(EvidenceKind kind, Digest subject, Set<Digest> dependencies) {
  EvidenceIndex {
    dependencies = Set.copyOf(dependencies);
  }

  static EvidenceIndex of(byte[] bundleJson) throws EvidenceStoreException {
    try {
      Bundle bundle = BundleReader.read(bundleJson);
      byte[] payload = bundle.envelope().payload().toByteArray();
      String predicateType = ProvenanceReader.predicateType(payload);
      if (predicateType.equals(Provenance.PREDICATE_TYPE)) {
        Provenance provenance = ProvenanceReader.read(payload);
        Set<Digest> dependencies = new LinkedHashSet<>();
        for (ResolvedDependency dependency : provenance.buildDefinition().resolvedDependencies()) {
          dependency.resource().sha256().ifPresent(dependencies::add);
        }
        return new EvidenceIndex(
            EvidenceKind.ATTESTATION, provenance.subject().digest(), dependencies);
      }
      for (PredicateType type : PredicateType.values()) {
        if (type.uri().equals(predicateType)) {
          return new EvidenceIndex(
              EvidenceKind.SIGNATURE, StatementReader.read(payload).subjectDigest(), Set.of());
        }
      }
      throw new EvidenceStoreException(
          "the bundle holds a statement of type "
              + Untrusted.quote(predicateType)
              + "; the store keeps model signatures and provenance attestations only",
          null);
    } catch (MalformedBundleException e) {
      throw new EvidenceStoreException(
          "not a signature or attestation custody reads: " + e.getMessage(), e);
    }
  }
}
