package dev.custody.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.digest.ModelDigester;
import dev.custody.format.oms.Bundle;
import dev.custody.format.oms.BundleWriter;
import dev.custody.format.oms.Envelope;
import dev.custody.format.oms.ProvenanceWriter;
import dev.custody.model.Bytes;
import dev.custody.model.Digest;
import dev.custody.provenance.Provenance;
import dev.custody.sign.Curve;
import dev.custody.sign.ModelSigner;
import dev.custody.sign.Signer;
import dev.custody.sign.SigningKey;
import dev.custody.sign.StatementSigner;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.TrustedRoot;
import dev.custody.sign.VerificationException;
import dev.custody.sign.VerificationException.Reason;
import dev.custody.testkit.ModelTree;
import dev.custody.testkit.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attest, verify, and every way an attestation is refused, with the reason it gives. */
class AttestationVerifierTest {
  @TempDir Path tmp;

  private final SigningKey key = SigningKey.generate(Curve.P256);
  private Path model;
  private Digest modelDigest;
  private Digest datasetDigest;
  private Digest baseDigest;

  @BeforeEach
  void setUp() throws Exception {
    model = AttestFixtures.model(tmp.resolve("fine-tuned"));
    ModelDigester digester = new ModelDigester(AttestFixtures.options());
    modelDigest = digester.digest(model).rootDigest();
    datasetDigest = digester.digest(AttestFixtures.dataset(tmp.resolve("data"))).rootDigest();
    baseDigest =
        digester
            .digest(ModelTree.at(tmp.resolve("base")).file("weights.bin", "base weights").root())
            .rootDigest();
  }

  private Provenance provenance() {
    return AttestFixtures.provenance("fine-tuned", modelDigest, datasetDigest, baseDigest);
  }

  private Path attest(Provenance provenance) throws Exception {
    Path output = tmp.resolve("fine-tuned.intoto.json");
    new Attester(StatementSigner.withKey(key)).attest(provenance, output);
    return output;
  }

  @Test
  void attestedModelVerifiesAndGivesBackTheProvenance() throws Exception {
    Path attestation = attest(provenance());

    VerifiedAttestation verified =
        new AttestationVerifier(AttestFixtures.trusting(key))
            .verify(model, attestation, AttestFixtures.options());

    assertThat(verified.provenance()).isEqualTo(provenance());
    assertThat(verified.subjectDigest()).isEqualTo(modelDigest);
    assertThat(verified.signer()).isInstanceOf(Signer.KeySigner.class);
    assertThat(verified.trustEntry()).isEqualTo("release.pub");
    assertThat(verified.provenance().inputs()).containsExactly(datasetDigest, baseDigest);
    assertThat(verified.attestationDigest())
        .isEqualTo(Attestation.sha256(Files.readAllBytes(attestation)));
  }

  @Test
  void certificateChainAttestationVerifiesAgainstTheRoot() throws Exception {
    TestCertificates.Issued root =
        TestCertificates.authority("CN=attest-root").curve("secp256r1").build();
    TestCertificates.Issued leaf =
        TestCertificates.signer("CN=trainer")
            .publicKey(key.publicKey())
            .issuedBy(root)
            .email("trainer@example.com")
            .build();
    Path output = tmp.resolve("chain.intoto.json");
    new Attester(StatementSigner.withCertificates(key, List.of(leaf.certificate())))
        .attest(provenance(), output);

    VerifiedAttestation verified =
        new AttestationVerifier(
                TrustPolicy.ofRoots(List.of(new TrustedRoot("root.pem", root.certificate()))))
            .verify(model, output, AttestFixtures.options());

    assertThat(verified.signer().describe()).contains("CN=trainer");
  }

  @Test
  void anotherModelIsASubjectMismatchNamingBothDigests() throws Exception {
    Path attestation = attest(provenance());
    Files.writeString(model.resolve("config.json"), "{\"model_type\": \"changed\"}");

    assertThatThrownBy(() ->
            new AttestationVerifier(AttestFixtures.trusting(key))
                .verify(model, attestation, AttestFixtures.options()))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.SUBJECT_MISMATCH);
              assertThat(e.getMessage())
                  .contains(modelDigest.toString())
                  .contains("not the model in hand (sha256:");
            });
  }

  @Test
  void alteredDatasetDigestIsABadSignature() throws Exception {
    byte[] bundle = Files.readAllBytes(attest(provenance()));
    byte[] altered = replacePayload(bundle, datasetDigest.hex(), "00".repeat(32));

    assertReason(altered, Reason.BAD_SIGNATURE);
  }

  @Test
  void alteredSubjectIsABadSignature() throws Exception {
    byte[] bundle = Files.readAllBytes(attest(provenance()));
    byte[] altered = replacePayload(bundle, modelDigest.hex(), baseDigest.hex());

    assertReason(altered, Reason.BAD_SIGNATURE);
  }

  @Test
  void anotherKeyIsAnUntrustedSigner() throws Exception {
    Path attestation = attest(provenance());
    SigningKey other = SigningKey.generate(Curve.P256);

    assertThatThrownBy(() ->
            new AttestationVerifier(AttestFixtures.trusting(other))
                .verify(modelDigest, Files.readAllBytes(attestation)))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_SIGNER));
  }

  @Test
  void aModelSignatureIsTheWrongPredicateType() throws Exception {
    Path signature = tmp.resolve("model.sig");
    ModelSigner.withKey(key).signModel(model, signature, AttestFixtures.options());

    assertThatThrownBy(() ->
            new AttestationVerifier(AttestFixtures.trusting(key))
                .verify(modelDigest, Files.readAllBytes(signature)))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.WRONG_PREDICATE_TYPE);
              assertThat(e.getMessage()).contains("custody verify");
            });
  }

  @Test
  void aMissingAttestationIsUnreadable() {
    assertThatThrownBy(() ->
            new AttestationVerifier(AttestFixtures.trusting(key))
                .verify(model, tmp.resolve("none.json"), AttestFixtures.options()))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_UNREADABLE));
  }

  @Test
  void sameProvenanceGivesTheSameStatementBytes() throws Exception {
    Attester attester = new Attester(StatementSigner.withKey(key));
    Attestation first = attester.sign(provenance());
    Attestation second = attester.sign(provenance());

    assertThat(first.bundle().envelope().payload()).isEqualTo(second.bundle().envelope().payload());
    assertThat(first.bundle().envelope().payload().toByteArray())
        .isEqualTo(ProvenanceWriter.write(provenance()));
  }

  private void assertReason(byte[] bundle, Reason reason) {
    assertThatThrownBy(
            () -> new AttestationVerifier(AttestFixtures.trusting(key)).verify(modelDigest, bundle))
        .isInstanceOfSatisfying(
            VerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  /** The bundle with {@code from} replaced by {@code to} inside its signed statement. */
  private static byte[] replacePayload(byte[] bundleJson, String from, String to) throws Exception {
    Bundle bundle = dev.custody.format.oms.BundleReader.read(bundleJson);
    String payload = new String(bundle.envelope().payload().toByteArray(), StandardCharsets.UTF_8);
    assertThat(payload).contains(from);
    assertThat(to).isNotEqualTo(from);
    Envelope envelope =
        new Envelope(
            bundle.envelope().payloadType(),
            Bytes.copyOf(payload.replace(from, to).getBytes(StandardCharsets.UTF_8)),
            bundle.envelope().signatures());
    return BundleWriter.write(new Bundle(bundle.mediaType(), bundle.material(), envelope));
  }
}
