package dev.custody.model;

import dev.custody.internal.Untrusted;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A digest: the algorithm that made it and its value as lowercase hex.
 *
 * @param algorithm the hash function
 * @param hex the digest value, {@code 2 * algorithm.digestBytes()} lowercase hex characters
 */
public record Digest(HashAlgorithm algorithm, String hex) {
  private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]*");

  /** Checks that {@code hex} is a digest of {@code algorithm}'s size. */
  public Digest {
    int want = algorithm.digestBytes() * 2;
    if (hex.length() != want || !LOWER_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "not a "
              + algorithm
              + " digest: "
              + Untrusted.quote(hex)
              + " (expected "
              + want
              + " lowercase hex characters)");
    }
  }

  /** Wraps raw digest bytes. */
  public static Digest of(HashAlgorithm algorithm, byte[] bytes) {
    return new Digest(algorithm, HexFormat.of().formatHex(bytes));
  }

  /**
   * Parses {@code <algorithm>:<hex>}, e.g. {@code sha256:e3b0c442...}.
   *
   * @throws IllegalArgumentException if the text is not such a digest
   */
  public static Digest parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "not a digest: "
              + Untrusted.quote(text)
              + " (expected <algorithm>:<hex>, e.g. sha256:e3b0c442...)");
    }
    return new Digest(
        HashAlgorithm.fromOmsName(text.substring(0, colon)), text.substring(colon + 1));
  }

  /** The raw digest bytes (a fresh copy). */
  public byte[] bytes() {
    return HexFormat.of().parseHex(hex);
  }

  /** {@code <algorithm>:<hex>}, the form {@link #parse} reads. */
  @Override
  public String toString() {
    return algorithm.omsName() + ":" + hex;
  }
}
