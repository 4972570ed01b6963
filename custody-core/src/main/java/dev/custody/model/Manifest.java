package dev.custody.model;

import dev.custody.internal.Untrusted;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A model's identity in the OpenSSF Model Signing format: how it was serialized and the digest of
 * every resource, in manifest order. Its {@link #rootDigest() root digest} is the model's name
 * everywhere in custody (signature subject, provenance subject, registry key).
 *
 * @param modelName the model's name (its folder or file name); informative, never compared
 * @param serialization how resources were cut and hashed
 * @param resources the resources in manifest order, with unique names
 */
public record Manifest(String modelName, Serialization serialization, List<Resource> resources) {

  /** Copies the resources and checks their order, uniqueness and algorithm. */
  public Manifest {
    resources = List.copyOf(resources);
    for (int i = 0; i < resources.size(); i++) {
      Resource resource = resources.get(i);
      if (resource.digest().algorithm() != serialization.hash()) {
        throw new IllegalArgumentException(
            "resource "
                + Untrusted.quote(resource.name())
                + " has a "
                + resource.digest().algorithm()
                + " digest in a "
                + serialization.hash()
                + " manifest");
      }
      if ((resource.shard() != null)
          != (serialization instanceof Serialization.ShardSerialization)) {
        throw new IllegalArgumentException(
            "resource "
                + Untrusted.quote(resource.name())
                + " does not match the manifest's "
                + serialization.method()
                + " serialization");
      }
      if (i > 0 && resources.get(i - 1).compareTo(resource) >= 0) {
        throw new IllegalArgumentException(
            "resources out of manifest order or repeated at "
                + Untrusted.quote(resource.name())
                + " (expected sorted by path component, then shard range)");
      }
    }
  }

  /**
   * SHA-256 over the raw digests of all resources in manifest order: the OMS subject digest. An
   * empty model has the digest of no bytes ({@code e3b0c442...}).
   */
  public Digest rootDigest() {
    return rootDigestOf(resources);
  }

  /**
   * SHA-256 over the raw digests of {@code resources} in the order given. A verifier computes this
   * over a statement's resources as listed, before sorting them, as the reference does.
   */
  public static Digest rootDigestOf(List<Resource> resources) {
    MessageDigest sha256 = newSha256();
    for (Resource resource : resources) {
      sha256.update(resource.digest().bytes());
    }
    return Digest.of(HashAlgorithm.SHA256, sha256.digest());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256, which every Java SE JDK must", e);
    }
  }
}
