package dev.custody.sign;

import static dev.custody.sign.OmsSignatureVectorsTest.caTrust;
import static dev.custody.sign.OmsSignatureVectorsTest.keyTrust;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.format.oms.PredicateType;
import dev.custody.model.ModelPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every signature that {@code custody sign} made for {@code oms-vectors/custody-made} (and that the
 * reference verifier, {@code model_signing} 1.1.1, accepted: see {@code custody-made/README.md})
 * still verifies with custody, with the root digest the reference computed for the same model. The
 * models are read only: {@code tiny-model} is shared with the reference's own vectors, and {@code
 * custody-made/inside-model} is a copy of it that holds its own {@code model.sig}.
 */
class CustodyMadeVectorsTest {
  static final Path VECTORS = OmsSignatureVectorsTest.VECTORS;
  static final Path MADE = VECTORS.resolve("custody-made");

  static final String FILES_SHA256 =
      "sha256:a84bc6d7436624760d813284f40580f9ac13a46be9b1991501e0d35aead89228";
  static final String FILES_BLAKE2B =
      "sha256:274ec022a0897c039c0323d20d17279e364fa1897b464923f4e47284777dffad";
  static final String SHARDS16_SHA256 =
      "sha256:529735971a9e8662876a8285c6dae2e32e24e8ad53c3a42b0c52484011747e69";
  static final String SHARDS16_BLAKE2B =
      "sha256:7da49af5c7fd497d1758af36ad10e138163ea04c60394366e11ad3db05ec731b";
  static final String SHARDS1G_SHA256 =
      "sha256:b230e23445e1dd2ddc287481eec7b3a6d3178e6565e4c2fe020972be14eaeaa4";
  static final String SINGLE_FILE_SHA256 =
      "sha256:b6a48f598cae4a0871feca2e18ed7c2a7951918781d4bdeaf0520e46092ca63b";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "sigs/files-sha256-p256.sig, tiny-model, custody-made/keys/p256.pub.pem, P256, " + FILES_SHA256,
    "sigs/files-sha256-p384.sig, tiny-model, custody-made/keys/p384.pub.pem, P384, " + FILES_SHA256,
    "sigs/files-sha256-p521.sig, tiny-model, custody-made/keys/p521.pub.pem, P521, " + FILES_SHA256,
    "sigs/files-blake2b-p256.sig, tiny-model, custody-made/keys/p256.pub.pem, P256, "
        + FILES_BLAKE2B,
    "sigs/files-blake2b-p384.sig, tiny-model, custody-made/keys/p384.pub.pem, P384, "
        + FILES_BLAKE2B,
    "sigs/files-blake2b-p521.sig, tiny-model, custody-made/keys/p521.pub.pem, P521, "
        + FILES_BLAKE2B,
    "sigs/shards16-sha256-p256.sig, tiny-model, custody-made/keys/p256.pub.pem, P256, "
        + SHARDS16_SHA256,
    "sigs/shards1000000000-sha256-p256.sig, tiny-model, custody-made/keys/p256.pub.pem, P256, "
        + SHARDS1G_SHA256,
    "sigs/singlefile-sha256-p256.sig, tiny-model/model.safetensors, custody-made/keys/p256.pub.pem, P256, "
        + SINGLE_FILE_SHA256,
    "inside-model/model.sig, custody-made/inside-model, custody-made/keys/p384.pub.pem, P384, "
        + FILES_SHA256,
    "sigs/files-sha256-keygen.sig, tiny-model, custody-made/keys/custody-keygen-p256.pub.pem, "
        + "P256, "
        + FILES_SHA256,
    "sigs/shards16-blake2b-keygen-p521.sig, tiny-model, "
        + "custody-made/keys/custody-keygen-p521.pub.pem, P521, "
        + SHARDS16_BLAKE2B,
  })
  void keySignatureVerifies(String signature, String model, String key, Curve curve, String root)
      throws Exception {
    Path publicKey = VECTORS.resolve(key);
    VerifiedModel verified =
        new ModelVerifier(keyTrust(publicKey))
            .verify(VECTORS.resolve(model), MADE.resolve(signature), VerifyOptions.defaults());

    assertThat(verified.rootDigest().toString()).isEqualTo(root);
    assertThat(verified.signer()).isInstanceOf(Signer.KeySigner.class);
    assertThat(((Signer.KeySigner) verified.signer()).curve()).isEqualTo(curve);
    assertThat(verified.trustEntry()).isEqualTo(publicKey.getFileName().toString());
    assertThat(verified.warnings()).isEmpty();
    assertThat(verified.predicateType()).isEqualTo(PredicateType.SIGNATURE_V1);
  }

  @Test
  void certificateSignatureVerifiesAgainstTheTestRoot() throws Exception {
    VerifiedModel verified =
        new ModelVerifier(caTrust(MADE.resolve("keys/ca-root-cert.pem")))
            .verify(
                VECTORS.resolve("tiny-model"),
                MADE.resolve("sigs/files-sha256-cert.sig"),
                VerifyOptions.defaults());

    assertThat(verified.rootDigest().toString()).isEqualTo(FILES_SHA256);
    Signer.CertificateSigner signer = (Signer.CertificateSigner) verified.signer();
    assertThat(signer.subject()).isEqualTo("CN=custody-test-signer");
    assertThat(signer.issuer()).isEqualTo("CN=custody-test-intermediate");
    assertThat(signer.root()).isEqualTo("CN=custody-test-root");
    // The test leaf expired in January 2025; OMS validates the chain at the leaf's issue time.
    assertThat(verified.warnings()).singleElement().asString().contains("expired on 2025-01-31");
  }

  @Test
  void signatureInsideTheModelIsListedAsIgnored() throws Exception {
    Path model = MADE.resolve("inside-model");
    VerifiedModel verified =
        new ModelVerifier(keyTrust(MADE.resolve("keys/p384.pub.pem")))
            .verify(model, model.resolve("model.sig"), VerifyOptions.defaults());

    assertThat(verified.manifest().serialization().ignorePaths())
        .contains(new ModelPath("model.sig"));
    assertThat(verified.manifest().resources())
        .noneMatch(r -> r.path().equals(new ModelPath("model.sig")));
  }

  /** The reference-made control signatures (shard_size written as 16.0) verify too. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "reference-controls/shards16-sha256-p256.sig, " + SHARDS16_SHA256,
    "reference-controls/shards16-blake2-p256.sig, " + SHARDS16_BLAKE2B,
  })
  void referenceControlSignaturesVerify(String signature, String root) throws Exception {
    VerifiedModel verified =
        new ModelVerifier(keyTrust(MADE.resolve("keys/p256.pub.pem")))
            .verify(
                VECTORS.resolve("tiny-model"), MADE.resolve(signature), VerifyOptions.defaults());

    assertThat(verified.rootDigest().toString()).isEqualTo(root);
  }

  @Test
  void everyCommittedCustodySignatureIsCovered() throws Exception {
    try (Stream<Path> sigs = Files.list(MADE.resolve("sigs"))) {
      assertThat(sigs.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "files-sha256-p256.sig",
              "files-sha256-p384.sig",
              "files-sha256-p521.sig",
              "files-blake2b-p256.sig",
              "files-blake2b-p384.sig",
              "files-blake2b-p521.sig",
              "shards16-sha256-p256.sig",
              "shards1000000000-sha256-p256.sig",
              "singlefile-sha256-p256.sig",
              "files-sha256-cert.sig",
              "files-sha256-keygen.sig",
              "shards16-blake2b-keygen-p521.sig");
    }
  }
}
