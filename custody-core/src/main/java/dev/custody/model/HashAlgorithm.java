package dev.custody.model;

import java.util.Locale;

/**
 * The content hashes the OpenSSF Model Signing format names, with the names it records them under
 * and their digest sizes.
 */
public enum HashAlgorithm {
  /** SHA-256, the default everywhere. */
  SHA256("sha256", 32),
  /** BLAKE2b with its default 64-byte digest (Python's {@code hashlib.blake2b()}). */
  BLAKE2B("blake2b", 64),
  /** BLAKE3 with a 32-byte digest. */
  BLAKE3("blake3", 32);

  private final String omsName;
  private final int digestBytes;

  HashAlgorithm(String omsName, int digestBytes) {
    this.omsName = omsName;
    this.digestBytes = digestBytes;
  }

  /** The name OMS manifests record: {@code sha256}, {@code blake2b} or {@code blake3}. */
  public String omsName() {
    return omsName;
  }

  /** Length of a digest in bytes. */
  public int digestBytes() {
    return digestBytes;
  }

  /**
   * Looks an algorithm up by its OMS name. {@code blake2} is accepted too: it is the name the
   * reference implementation's API takes for what it records as {@code blake2b}.
   *
   * @throws IllegalArgumentException if the name is not one of them
   */
  public static HashAlgorithm fromOmsName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (HashAlgorithm algorithm : values()) {
      if (algorithm.omsName.equals(lower)) {
        return algorithm;
      }
    }
    if (lower.equals("blake2")) {
      return BLAKE2B;
    }
    throw new IllegalArgumentException(
        "unknown hash algorithm "
            + dev.custody.internal.Untrusted.quote(name)
            + " (expected sha256, blake2b or blake3)");
  }

  @Override
  public String toString() {
    return omsName;
  }
}
