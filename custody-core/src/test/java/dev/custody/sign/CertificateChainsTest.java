package dev.custody.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.testkit.TestCertificates;
import dev.custody.testkit.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate chains as the reference verifier checks them (PKIX to a trusted root at the moment
 * the signing certificate was issued; the signing certificate must be meant for signing), plus
 * custody's own rule that a certificate from the future is refused.
 */
class CertificateChainsTest {
  private static final Instant Y2021 = Instant.parse("2021-01-01T00:00:00Z");
  private static final Instant Y2022 = Instant.parse("2022-01-01T00:00:00Z");
  private static final Instant Y2023 = Instant.parse("2023-01-01T00:00:00Z");
  private static final Instant Y2100 = TestCertificates.DEFAULT_NOT_AFTER;

  @TempDir Path tmp;

  private Path model;
  private Path signature;
  private SigningKey key;
  private Issued root;
  private Issued intermediate;

  @BeforeEach
  void makeAuthorities() {
    model = SigningFixtures.model(tmp.resolve("model"));
    signature = tmp.resolve("model.sig");
    key = SigningKey.generate(Curve.P256);
    root = TestCertificates.authority("CN=custody-test-root").build();
    intermediate =
        TestCertificates.authority("CN=custody-test-intermediate").issuedBy(root).build();
  }

  private TestCertificates.Builder leaf() {
    return TestCertificates.signer("CN=custody-test-signer")
        .publicKey(key.publicKey())
        .issuedBy(intermediate);
  }

  private void sign(List<X509Certificate> chain) throws Exception {
    ModelSigner.withCertificates(key, chain).signModel(model, signature, SigningFixtures.options());
  }

  private void sign(Issued leaf) throws Exception {
    sign(List.of(leaf.certificate(), intermediate.certificate()));
  }

  /**
   * Signs with a good leaf, then swaps in {@code leaf} (the chain is not covered by the signature).
   */
  private void signThenSwapLeaf(Issued leaf) throws Exception {
    sign(leaf().build());
    ObjectNode bundle = BundleSurgery.parse(Files.readAllBytes(signature));
    ((ObjectNode) bundle.at("/verificationMaterial/x509CertificateChain/certificates/0"))
        .put("rawBytes", Base64.getEncoder().encodeToString(leaf.certificate().getEncoded()));
    Files.write(signature, BundleSurgery.bytes(bundle));
  }

  private VerifiedModel verify(Issued trusted, Clock clock) throws Exception {
    return new ModelVerifier(SigningFixtures.trustingRoot(trusted.certificate()), clock)
        .verify(model, signature, SigningFixtures.verifyOptions());
  }

  private VerificationException refused(Issued trusted) {
    return refused(trusted, Clock.systemUTC());
  }

  private VerificationException refused(Issued trusted, Clock clock) {
    return assertThrows(VerificationException.class, () -> verify(trusted, clock));
  }

  private static void assertUntrusted(VerificationException e, String... words) {
    assertThat(e.reason()).isEqualTo(VerificationException.Reason.UNTRUSTED_CERTIFICATE);
    assertThat(e.getMessage()).contains(words);
  }

  @Test
  void acceptsChainThatEndsWithTheRootItself() throws Exception {
    sign(List.of(leaf().build().certificate(), intermediate.certificate(), root.certificate()));

    VerifiedModel verified = verify(root, Clock.systemUTC());

    assertThat(((Signer.CertificateSigner) verified.signer()).root())
        .isEqualTo("CN=custody-test-root");
  }

  @Test
  void acceptsLeafThatExpiredAfterSigningButWarns() throws Exception {
    sign(leaf().validity(Y2021, Y2022).build());

    VerifiedModel verified = verify(root, Clock.systemUTC());

    assertThat(verified.warnings())
        .singleElement()
        .asString()
        .contains("expired on 2022-01-01", "as it was when the certificate was issued");
  }

  @Test
  void rejectsIntermediateThatExpiredBeforeTheLeafWasIssued() throws Exception {
    intermediate =
        TestCertificates.authority("CN=custody-test-intermediate")
            .issuedBy(root)
            .validity(TestCertificates.DEFAULT_NOT_BEFORE, Y2021)
            .build();
    sign(leaf().validity(Y2022, Y2100).build());

    assertUntrusted(
        refused(root),
        "had expired when the signing certificate was issued",
        "CN=custody-test-intermediate");
  }

  @Test
  void rejectsIntermediateNotYetValidWhenTheLeafWasIssued() throws Exception {
    intermediate =
        TestCertificates.authority("CN=custody-test-intermediate")
            .issuedBy(root)
            .validity(Y2023, Y2100)
            .build();
    sign(leaf().validity(Y2022, Y2100).build());

    assertUntrusted(
        refused(root),
        "was not yet valid when the signing certificate was issued",
        "CN=custody-test-intermediate");
  }

  @Test
  void rejectsRootThatExpiredBeforeTheLeafWasIssued() throws Exception {
    root =
        TestCertificates.authority("CN=custody-test-root")
            .validity(TestCertificates.DEFAULT_NOT_BEFORE, Y2021)
            .build();
    intermediate =
        TestCertificates.authority("CN=custody-test-intermediate").issuedBy(root).build();
    sign(leaf().validity(Y2022, Y2100).build());

    assertUntrusted(
        refused(root),
        "had expired when the signing certificate was issued",
        "CN=custody-test-root");
  }

  @Test
  void rejectsRootNotYetValidWhenTheLeafWasIssued() throws Exception {
    root = TestCertificates.authority("CN=custody-test-root").validity(Y2023, Y2100).build();
    intermediate =
        TestCertificates.authority("CN=custody-test-intermediate").issuedBy(root).build();
    sign(leaf().validity(Y2022, Y2100).build());

    assertUntrusted(
        refused(root),
        "was not yet valid when the signing certificate was issued",
        "CN=custody-test-root");
  }

  @Test
  void rejectsLeafWhoseKeyUsageLacksDigitalSignature() throws Exception {
    signThenSwapLeaf(leaf().keyUsage(TestCertificates.Usage.KEY_ENCIPHERMENT).build());

    assertUntrusted(refused(root), "key usage without digitalSignature", "may not sign");
  }

  @Test
  void rejectsLeafWhoseExtendedKeyUsageLacksCodeSigning() throws Exception {
    signThenSwapLeaf(leaf().extendedKeyUsage(TestCertificates.Purpose.SERVER_AUTH).build());

    assertUntrusted(refused(root), "extended key usage without codeSigning");
  }

  @Test
  void rejectsLeafWithNeitherKeyUsageNorExtendedKeyUsage() throws Exception {
    signThenSwapLeaf(leaf().noKeyUsage().noExtendedKeyUsage().build());

    assertUntrusted(refused(root), "neither a key usage nor an extended key usage");
  }

  @Test
  void signerRefusesLeafThatMayNotSign() {
    Issued leaf = leaf().extendedKeyUsage(TestCertificates.Purpose.EMAIL_PROTECTION).build();

    SigningException e =
        assertThrows(
            SigningException.class,
            () -> ModelSigner.withCertificates(key, List.of(leaf.certificate())));

    assertThat(e.getMessage()).contains("extended key usage without codeSigning");
  }

  @Test
  void signerRefusesLeafIssuedForAnotherKey() {
    Issued leaf = TestCertificates.signer("CN=someone-else").issuedBy(intermediate).build();

    SigningException e =
        assertThrows(
            SigningException.class,
            () -> ModelSigner.withCertificates(key, List.of(leaf.certificate())));

    assertThat(e.getMessage()).contains("'CN=someone-else'", "certifies another key");
  }

  @Test
  void rejectsChainToAnUnknownRoot() throws Exception {
    sign(leaf().build());
    Issued other = TestCertificates.authority("CN=some-other-root").build();

    assertUntrusted(refused(other), "does not lead to a trusted root", "--ca");
  }

  @Test
  void rejectsChainToAnImpostorRootWithTheSameName() throws Exception {
    sign(leaf().build());
    Issued impostor = TestCertificates.authority("CN=custody-test-root").build();

    assertUntrusted(refused(impostor), "does not lead to a trusted root", "--ca");
  }

  @Test
  void rejectsChainWithoutItsIntermediate() throws Exception {
    sign(List.of(leaf().build().certificate()));

    assertUntrusted(refused(root), "does not lead to a trusted root", "--ca");
  }

  @Test
  void rejectsIntermediateThatIsNotACertificateAuthority() throws Exception {
    intermediate =
        TestCertificates.signer("CN=custody-test-intermediate")
            .issuedBy(root)
            .keyUsage(
                TestCertificates.Usage.DIGITAL_SIGNATURE, TestCertificates.Usage.KEY_CERT_SIGN)
            .build();
    sign(leaf().build());

    assertUntrusted(refused(root), "--ca");
  }

  @Test
  void rejectsLeafIssuedInTheFuture() throws Exception {
    sign(leaf().validity(Instant.parse("2030-01-01T00:00:00Z"), Y2100).build());
    Clock now = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    assertUntrusted(
        refused(root, now), "not valid until 2030-01-01", "wrong clock or a forged chain");
  }

  @Test
  void rejectsCertificateBytesThatAreNotACertificate() throws Exception {
    sign(leaf().build());
    ObjectNode bundle = BundleSurgery.parse(Files.readAllBytes(signature));
    ((ArrayNode) bundle.at("/verificationMaterial/x509CertificateChain/certificates"))
        .addObject()
        .put("rawBytes", Base64.getEncoder().encodeToString(new byte[] {0x30, 0x03, 1, 2, 3}));
    Files.write(signature, BundleSurgery.bytes(bundle));

    VerificationException e = refused(root);

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.MALFORMED_SIGNATURE);
    assertThat(e.getMessage())
        .contains("/verificationMaterial/x509CertificateChain/certificates/2/rawBytes");
  }
}
