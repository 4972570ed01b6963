package dev.custody.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestTest {
  private static final String EMPTY =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void parsesAndPrintsAlgorithmColonHex() {
    Digest digest = Digest.parse("sha256:" + EMPTY);
    assertThat(digest.algorithm()).isEqualTo(HashAlgorithm.SHA256);
    assertThat(digest).hasToString("sha256:" + EMPTY);
    assertThat(digest.bytes()).hasSize(32);
  }

  @Test
  void rejectsWrongLengthUpperCaseAndMissingAlgorithm() {
    assertThatThrownBy(() -> Digest.parse("sha256:abc"))
        .hasMessage("not a sha256 digest: 'abc' (expected 64 lowercase hex characters)");
    assertThatThrownBy(() -> Digest.parse("sha256:" + EMPTY.toUpperCase(java.util.Locale.ROOT)))
        .hasMessageContaining("lowercase hex");
    assertThatThrownBy(() -> Digest.parse(EMPTY))
        .hasMessageContaining("expected <algorithm>:<hex>");
    assertThatThrownBy(() -> Digest.parse("md5:" + EMPTY))
        .hasMessage("unknown hash algorithm 'md5' (expected sha256, blake2b or blake3)");
  }

  @Test
  void blake2IsAcceptedAsTheReferenceApiNameForBlake2b() {
    assertThat(HashAlgorithm.fromOmsName("blake2")).isEqualTo(HashAlgorithm.BLAKE2B);
    assertThat(HashAlgorithm.BLAKE2B.digestBytes()).isEqualTo(64);
  }
}
