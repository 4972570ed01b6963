package dev.custody.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.format.oms.BundleReader;
import dev.custody.format.oms.Envelope;
import dev.custody.model.Bytes;
import dev.custody.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a model or its signer can differ from what was signed: each is refused with its own
 * {@link VerificationException.Reason} and a message that names the problem and what to do.
 */
class ModelVerifierTest {
  @TempDir Path tmp;

  private Path model;
  private Path signature;
  private SigningKey key;

  @BeforeEach
  void signModel() throws Exception {
    model = SigningFixtures.model(tmp.resolve("model"));
    signature = model.resolve("model.sig");
    key = SigningKey.generate(Curve.P256);
    ModelSigner.withKey(key).signModel(model, signature, SigningFixtures.options());
  }

  private VerifiedModel verify(TrustPolicy trust, VerifyOptions options) throws Exception {
    return new ModelVerifier(trust).verify(model, signature, options);
  }

  private VerificationException refused(TrustPolicy trust, VerifyOptions options) {
    return assertThrows(
        VerificationException.class,
        () -> new ModelVerifier(trust).verify(model, signature, options));
  }

  private VerificationException refused() {
    return refused(SigningFixtures.trusting(key), SigningFixtures.verifyOptions());
  }

  private ObjectNode bundle() throws Exception {
    return BundleSurgery.parse(Files.readAllBytes(signature));
  }

  private void write(ObjectNode bundle) throws Exception {
    Files.write(signature, BundleSurgery.bytes(bundle));
  }

  private static void assertDiff(
      VerificationException e, List<String> added, List<String> removed, List<String> changed) {
    assertThat(e.reason()).isEqualTo(VerificationException.Reason.MODEL_MISMATCH);
    ManifestDiff diff = Objects.requireNonNull(e.diff());
    assertThat(diff.added()).as("added").isEqualTo(added);
    assertThat(diff.removed()).as("removed").isEqualTo(removed);
    assertThat(diff.changed()).as("changed").isEqualTo(changed);
    assertThat(e.getMessage())
        .contains("is not the model that was signed")
        .contains("restore the signed files, or have the model signed again");
  }

  @Test
  void acceptsTheUntouchedModel() throws Exception {
    VerifiedModel verified = verify(SigningFixtures.trusting(key), SigningFixtures.verifyOptions());

    assertThat(verified.warnings()).isEmpty();
  }

  @Test
  void refusesASignatureFileOverTheSizeLimitBeforeParsingIt() throws Exception {
    byte[] huge = new byte[BundleReader.MAX_BUNDLE_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    Files.write(signature, huge);

    VerificationException e = refused();

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.SIGNATURE_UNREADABLE);
    assertThat(e.getMessage()).contains("larger than " + BundleReader.MAX_BUNDLE_BYTES + " bytes");
  }

  @Test
  void rejectsFlippedByteInAModelFile() throws Exception {
    byte[] weights = Files.readAllBytes(model.resolve("weights.bin"));
    weights[50] ^= 1;
    Files.write(model.resolve("weights.bin"), weights);

    VerificationException e = refused();

    assertDiff(e, List.of(), List.of(), List.of("weights.bin"));
    assertThat(e.getMessage()).contains("1 changed ('weights.bin')");
  }

  @Test
  void rejectsFlippedByteInOneShardAndNamesTheShard() throws Exception {
    ModelSigner.withKey(key)
        .signModel(model, signature, SigningFixtures.options().withShardSize(16L));
    byte[] weights = Files.readAllBytes(model.resolve("weights.bin"));
    weights[20] ^= 1;
    Files.write(model.resolve("weights.bin"), weights);

    VerificationException e = refused();

    assertDiff(e, List.of(), List.of(), List.of("weights.bin:16:32"));
  }

  @Test
  void rejectsAddedFileAndNamesIt() throws Exception {
    Files.writeString(model.resolve("tokenizer/merges.txt"), "x y");

    VerificationException e = refused();

    assertDiff(e, List.of("tokenizer/merges.txt"), List.of(), List.of());
    assertThat(e.getMessage()).contains("1 added ('tokenizer/merges.txt')");
  }

  @Test
  void rejectsRemovedFileAndNamesIt() throws Exception {
    Files.delete(model.resolve("config.json"));

    VerificationException e = refused();

    assertDiff(e, List.of(), List.of("config.json"), List.of());
    assertThat(e.getMessage()).contains("1 removed ('config.json')");
  }

  @Test
  void rejectsRenamedFileAsOneAddedAndOneRemoved() throws Exception {
    Files.move(model.resolve("config.json"), model.resolve("config.old.json"));

    VerificationException e = refused();

    assertDiff(e, List.of("config.old.json"), List.of("config.json"), List.of());
    assertThat(e.getMessage()).contains("1 added ('config.old.json')", "1 removed ('config.json')");
  }

  @Test
  void rejectsMissingSignatureFile() throws Exception {
    Files.delete(signature);

    VerificationException e = refused();

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.SIGNATURE_UNREADABLE);
    assertThat(e.getMessage()).contains("no signature at", "model.sig", "--signature");
  }

  @Test
  void rejectsKeyThatIsNotTrustedAndNamesBothKeys() {
    SigningKey other = SigningKey.generate(Curve.P256);

    VerificationException e =
        refused(SigningFixtures.trusting(other), SigningFixtures.verifyOptions());

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.UNTRUSTED_SIGNER);
    assertThat(e.getMessage())
        .contains("signed by the key sha256:" + PublicKeys.hint(key.publicKey()))
        .contains("not a trusted key")
        .contains("trusted: release.pub sha256:" + PublicKeys.hint(other.publicKey()));
  }

  @Test
  void rejectsHintThatNamesAnotherKeyEvenIfTheTrustedKeySigned() throws Exception {
    ObjectNode bundle = bundle();
    String bogus = "ab".repeat(32);
    ((ObjectNode) bundle.at("/verificationMaterial/publicKey")).put("hint", bogus);
    write(bundle);

    VerificationException e = refused();

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.UNTRUSTED_SIGNER);
    assertThat(e.getMessage()).contains("sha256:" + bogus, "not a trusted key");
  }

  @Test
  void acceptsBundleWithoutHintButWarns() throws Exception {
    ObjectNode bundle = bundle();
    ((ObjectNode) bundle.at("/verificationMaterial/publicKey")).remove("hint");
    write(bundle);

    VerifiedModel verified = verify(SigningFixtures.trusting(key), SigningFixtures.verifyOptions());

    assertThat(verified.warnings()).singleElement().asString().contains("names no key");
  }

  @Test
  void rejectsSignatureByAnotherKeyUnderTheTrustedKeysHint() throws Exception {
    ObjectNode bundle = bundle();
    BundleSurgery.resign(bundle, BundleSurgery.payload(bundle), SigningKey.generate(Curve.P256));
    write(bundle);

    VerificationException e = refused();

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.BAD_SIGNATURE);
    assertThat(e.getMessage())
        .contains("does not verify with the key it names (release.pub sha256:")
        .contains("altered after signing, or another key signed it");
  }

  @Test
  void rejectsSignatureByAKeyOnAnotherCurve() throws Exception {
    SigningKey p384 = SigningKey.generate(Curve.P384);
    ObjectNode bundle = bundle();
    ((ObjectNode) bundle.at("/verificationMaterial/publicKey"))
        .put("hint", PublicKeys.hint(p384.publicKey()));
    write(bundle);

    VerificationException e =
        refused(SigningFixtures.trusting(p384), SigningFixtures.verifyOptions());

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.BAD_SIGNATURE);
    assertThat(e.getMessage()).contains("does not verify with the key it names");
  }

  @Test
  void rejectsP384SignatureMadeWithSha256InsteadOfSha384() throws Exception {
    SigningKey p384 = SigningKey.generate(Curve.P384);
    ModelSigner.withKey(p384).signModel(model, signature, SigningFixtures.options());
    ObjectNode bundle = bundle();
    byte[] pae =
        new Envelope(
                Envelope.IN_TOTO_PAYLOAD_TYPE,
                Bytes.copyOf(BundleSurgery.payload(bundle)),
                List.of())
            .pae();
    Signature sha256 = Signature.getInstance("SHA256withECDSA");
    sha256.initSign(p384.privateKey());
    sha256.update(pae);
    BundleSurgery.setSignature(bundle, sha256.sign());
    write(bundle);

    VerificationException e =
        refused(SigningFixtures.trusting(p384), SigningFixtures.verifyOptions());

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectsFlippedSignatureByte() throws Exception {
    ObjectNode bundle = bundle();
    byte[] sig =
        java.util.Base64.getDecoder().decode(BundleSurgery.signature(bundle).get("sig").asText());
    sig[sig.length / 2] ^= 0x01;
    BundleSurgery.setSignature(bundle, sig);
    write(bundle);

    VerificationException e = refused();

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.BAD_SIGNATURE);
    assertThat(e.getMessage()).contains("does not verify", "get the signature again");
  }

  @Test
  void rejectsSignatureOverThePayloadInsteadOfItsPreAuthenticationEncoding() throws Exception {
    ObjectNode bundle = bundle();
    BundleSurgery.setSignature(bundle, Ecdsa.sign(key, BundleSurgery.payload(bundle)));
    write(bundle);

    VerificationException e = refused();

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectsSignatureTransplantedFromAnotherModel() throws Exception {
    Path other = SigningFixtures.model(tmp.resolve("other"));
    Files.writeString(other.resolve("config.json"), "{\"layers\": 3}");
    ModelSigner.withKey(key).signModel(other, tmp.resolve("other.sig"), SigningFixtures.options());
    ObjectNode bundle = bundle();
    BundleSurgery.signature(bundle)
        .put(
            "sig",
            BundleSurgery.signature(
                    BundleSurgery.parse(Files.readAllBytes(tmp.resolve("other.sig"))))
                .get("sig")
                .textValue());
    write(bundle);

    VerificationException e = refused();

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectsKeyBundleWhenOnlyCertificateAuthoritiesAreTrusted() {
    TestCertificates.Chain chain = TestCertificates.chain("secp256r1");

    VerificationException e =
        refused(
            SigningFixtures.trustingRoot(chain.root().certificate()),
            SigningFixtures.verifyOptions());

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.WRONG_TRUST_SOURCE);
    assertThat(e.getMessage()).contains("made with a key", "no public key is trusted", "--key");
  }

  @Test
  void rejectsCertificateBundleWhenOnlyKeysAreTrusted() throws Exception {
    TestCertificates.Chain chain = SigningFixtures.chainFor(key);
    ModelSigner.withCertificates(key, chain.signingChain())
        .signModel(model, signature, SigningFixtures.options());

    VerificationException e = refused();

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.WRONG_TRUST_SOURCE);
    assertThat(e.getMessage())
        .contains("made with a certificate", "no certificate authority is trusted", "--ca");
  }

  @Test
  void ignoreUnsignedFilesAcceptsFilesAddedAfterSigning() throws Exception {
    Files.writeString(model.resolve("README.md"), "added later");
    Files.createDirectories(model.resolve("cache"));
    Files.writeString(model.resolve("cache/x.bin"), "cached");

    VerificationException strict = refused();
    VerifiedModel relaxed =
        verify(
            SigningFixtures.trusting(key),
            SigningFixtures.verifyOptions().withInsecureIgnoreUnsignedFiles(true));

    assertDiff(strict, List.of("README.md", "cache/x.bin"), List.of(), List.of());
    assertThat(relaxed.manifest().resources()).hasSize(SigningFixtures.MODEL_FILES.size());
  }

  @Test
  void ignoreUnsignedFilesStillRejectsAChangedSignedFile() throws Exception {
    Files.writeString(model.resolve("README.md"), "added later");
    Files.writeString(model.resolve("config.json"), "{\"layers\": 3}");

    VerificationException e =
        refused(
            SigningFixtures.trusting(key),
            SigningFixtures.verifyOptions().withInsecureIgnoreUnsignedFiles(true));

    assertDiff(e, List.of(), List.of(), List.of("config.json"));
  }

  @Test
  void ignoreUnsignedFilesStillRejectsARemovedSignedFile() throws Exception {
    Files.delete(model.resolve("tokenizer/vocab.txt"));

    VerificationException e =
        refused(
            SigningFixtures.trusting(key),
            SigningFixtures.verifyOptions().withInsecureIgnoreUnsignedFiles(true));

    assertDiff(e, List.of(), List.of("tokenizer/vocab.txt"), List.of());
  }

  @Test
  void ignoreUnsignedFilesDoesNotLetASignatureOverNoFilesVouchForAnyModel() throws Exception {
    // A trusted key once signed an empty folder (the reference signer allows it). That signature
    // must not verify an arbitrary model once unsigned files are ignored.
    ObjectNode bundle = bundle();
    ObjectNode statement = BundleSurgery.statement(bundle);
    statement.withArray("/predicate/resources").removeAll();
    ((ObjectNode) statement.at("/subject/0/digest"))
        .put("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BundleSurgery.resign(bundle, statement, key);
    write(bundle);

    VerificationException e =
        refused(
            SigningFixtures.trusting(key),
            SigningFixtures.verifyOptions().withInsecureIgnoreUnsignedFiles(true));

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.MODEL_MISMATCH);
    assertThat(Objects.requireNonNull(e.diff()).added()).contains("weights.bin");
  }
}
