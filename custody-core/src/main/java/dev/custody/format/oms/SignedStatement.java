package dev.custody.format.oms;

import dev.custody.model.Digest;
import dev.custody.model.Manifest;

/**
 * What a signature's statement claims: a subject and the manifest behind it.
 *
 * @param predicateType the OMS predicate version
 * @param subjectName the subject's name (the model's folder or file name; informative only)
 * @param subjectDigest the subject's SHA-256 digest: the model's root digest
 * @param resourcesDigest the root digest computed from the resources in the order they were listed;
 *     a consistent statement has it equal to {@code subjectDigest}
 * @param manifest the signed manifest, in manifest order
 */
public record SignedStatement(
    PredicateType predicateType,
    String subjectName,
    Digest subjectDigest,
    Digest resourcesDigest,
    Manifest manifest) {

  /** Whether the subject is the digest of the listed resources, as a verifier must insist. */
  public boolean isConsistent() {
    return subjectDigest.equals(resourcesDigest);
  }
}
