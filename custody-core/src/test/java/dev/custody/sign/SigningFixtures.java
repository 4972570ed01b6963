package dev.custody.sign;

import dev.custody.digest.DigestOptions;
import dev.custody.format.pem.MalformedKeyException;
import dev.custody.testkit.ModelTree;
import dev.custody.testkit.TestCertificates;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/** Models, keys, chains and trust policies shared by the signing tests. */
final class SigningFixtures {
  /** The signed files of {@link #model}, in manifest order (files serialization). */
  static final List<String> MODEL_FILES =
      List.of("config.json", "empty.bin", "tokenizer/vocab.txt", "weights.bin");

  private SigningFixtures() {}

  /**
   * A small model: a 100-byte weights file (7 shards of 16), a config, a nested file and an empty
   * file (a resource in files mode, none in shards mode).
   */
  static Path model(Path folder) {
    return ModelTree.at(folder)
        .file("config.json", "{\"layers\": 2}")
        .file("empty.bin", new byte[0])
        .file("tokenizer/vocab.txt", "a b c\n")
        .pattern("weights.bin", 100, 42)
        .root();
  }

  /** Trust exactly {@code key}, under the name {@code release.pub}. */
  static TrustPolicy trusting(SigningKey key) {
    try {
      return TrustPolicy.ofKeys(List.of(TrustedKey.of("release.pub", key.publicKey())));
    } catch (MalformedKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Trust certificates chaining to {@code root}, under the name {@code root.pem}. */
  static TrustPolicy trustingRoot(X509Certificate root) {
    return TrustPolicy.ofRoots(List.of(new TrustedRoot("root.pem", root)));
  }

  /**
   * A root and intermediate on {@code curve}, and a signing certificate for {@code key} issued by
   * the intermediate.
   */
  static TestCertificates.Chain chainFor(SigningKey key) {
    String curve = key.curve().standardName();
    TestCertificates.Issued root =
        TestCertificates.authority("CN=custody-test-root").curve(curve).build();
    TestCertificates.Issued intermediate =
        TestCertificates.authority("CN=custody-test-intermediate")
            .curve(curve)
            .issuedBy(root)
            .build();
    TestCertificates.Issued leaf =
        TestCertificates.signer("CN=custody-test-signer")
            .publicKey(key.publicKey())
            .issuedBy(intermediate)
            .email("signer@example.com")
            .build();
    return new TestCertificates.Chain(root, intermediate, leaf);
  }

  /** Digest options with a single thread (the tests are small). */
  static DigestOptions options() {
    return DigestOptions.defaults().withThreads(1);
  }

  /** Strict verify options with a single thread. */
  static VerifyOptions verifyOptions() {
    return VerifyOptions.defaults().withThreads(1);
  }
}
