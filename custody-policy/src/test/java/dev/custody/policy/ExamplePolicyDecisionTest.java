package dev.custody.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.attest.Attester;
import dev.custody.digest.DigestOptions;
import dev.custody.evidence.ArtifactEvidence;
import dev.custody.evidence.AttestationEvidence;
import dev.custody.evidence.BomEvidence;
import dev.custody.evidence.SignatureEvidence;
import dev.custody.format.pem.PemWriter;
import dev.custody.gather.AttestationFiles;
import dev.custody.gather.AttestationSource;
import dev.custody.gather.BomFiles;
import dev.custody.gather.BomSource;
import dev.custody.model.Digest;
import dev.custody.provenance.BuildDefinition;
import dev.custody.provenance.BuildEnvironment;
import dev.custody.provenance.Provenance;
import dev.custody.provenance.RunDetails;
import dev.custody.provenance.Subject;
import dev.custody.provenance.TrainingParameters;
import dev.custody.sign.Curve;
import dev.custody.sign.ModelSigner;
import dev.custody.sign.ModelVerifier;
import dev.custody.sign.SigningKey;
import dev.custody.sign.StatementSigner;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.TrustedKey;
import dev.custody.sign.VerifyOptions;
import dev.custody.testkit.ModelTree;
import dev.custody.testkit.PickleBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision tables for the shipped example policies: real model folders, really signed, checked
 * through the {@link Gate}. The policy files are copied next to a fresh public key at the path they
 * name, so the examples themselves are what is tested.
 */
class ExamplePolicyDecisionTest {
  private static final Path EXAMPLES = Path.of("../examples/policies");
  private static final String BUILDER =
      "https://github.com/example/models/.github/workflows/train.yml@refs/heads/main";

  @TempDir Path dir;
  private SigningKey trusted;
  private SigningKey stranger;

  @BeforeEach
  void keys() throws Exception {
    trusted = SigningKey.generate(Curve.P256);
    stranger = SigningKey.generate(Curve.P256);
    Files.createDirectories(dir.resolve("policies/keys"));
    Files.writeString(
        dir.resolve("policies/keys/example-release.pub.pem"),
        PemWriter.publicKey(trusted.publicKey()),
        StandardCharsets.UTF_8);
    for (String name : List.of("baseline.yaml", "production.yaml")) {
      Files.copy(EXAMPLES.resolve(name), dir.resolve("policies").resolve(name));
    }
  }

  private Gate gate(String policy) throws PolicyException {
    return Gate.of(PolicyLoader.load(dir.resolve("policies").resolve(policy)));
  }

  private Path safeModel(String name) {
    return ModelTree.at(dir.resolve(name))
        .file("config.json", "{\"hidden_size\": 2}")
        .file("model.safetensors", safetensors())
        .root();
  }

  private Path pickleModel(String name, byte[] pickle) {
    return ModelTree.at(dir.resolve(name))
        .file("config.json", "{\"hidden_size\": 2}")
        .file("pytorch_model.bin", pickle)
        .root();
  }

  private static void sign(Path model, SigningKey key) throws Exception {
    ModelSigner.withKey(key).signModel(model, model.resolve("model.sig"), DigestOptions.defaults());
  }

  private static List<String> denials(Decision decision) {
    return decision.denials().stream().map(RuleOutcome::rule).toList();
  }

  private static String reason(Decision decision) {
    return ((SignatureEvidence.Failed) decision.evidence().signatures().get(0)).reason();
  }

  // ---- baseline ----

  @Test
  void baselineAllowsACleanModelSignedByTheTrustedKey() throws Exception {
    Path model = safeModel("clean");
    sign(model, trusted);
    Decision decision = gate("baseline.yaml").check(model);
    assertThat(decision.allowed()).isTrue();
    assertThat(decision.outcomes()).allMatch(o -> o.status() == RuleOutcome.Status.PASSED);
    SignatureEvidence.Verified signature =
        (SignatureEvidence.Verified) decision.evidence().signatures().get(0);
    assertThat(signature.trustEntry()).isEqualTo("example-release");
    assertThat(decision.evidence().model().rootDigest()).isEqualTo(signature.rootDigest());
  }

  @Test
  void baselineAllowsABenignPickleButWouldStillWarnOnMediumFindings() throws Exception {
    Path model = pickleModel("benign", benignPickle());
    sign(model, trusted);
    Decision decision = gate("baseline.yaml").check(model);
    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void baselineDeniesAnUnsignedModel() throws Exception {
    Decision decision = gate("baseline.yaml").check(safeModel("unsigned"));
    assertThat(decision.allowed()).isFalse();
    assertThat(denials(decision)).containsExactly("signed-by-trusted-key");
    assertThat(decision.evidence().signatures()).isEmpty();
  }

  @Test
  void baselineDeniesAModelSignedByAnUntrustedKey() throws Exception {
    Path model = safeModel("stranger");
    sign(model, stranger);
    Decision decision = gate("baseline.yaml").check(model);
    assertThat(denials(decision)).containsExactly("signed-by-trusted-key");
    assertThat(reason(decision)).isEqualTo("untrusted-signer");
  }

  @Test
  void baselineDeniesAModelTamperedWithAfterSigning() throws Exception {
    Path model = safeModel("tampered");
    sign(model, trusted);
    Files.writeString(model.resolve("config.json"), "{\"hidden_size\": 3}");
    Decision decision = gate("baseline.yaml").check(model);
    assertThat(denials(decision)).containsExactly("signed-by-trusted-key");
    assertThat(reason(decision)).isEqualTo("model-mismatch");
  }

  @Test
  void baselineDeniesASignedMaliciousPickleAndShowsTheFinding() throws Exception {
    Path model = pickleModel("malicious", maliciousPickle());
    sign(model, trusted);
    Decision decision = gate("baseline.yaml").check(model);
    assertThat(denials(decision)).containsExactly("no-dangerous-code");
    RuleOutcome outcome = decision.denials().get(0);
    assertThat(outcome.message()).contains("code that runs when the model is loaded");
    assertThat(outcome.lookedAt())
        .extracting(LookedAt::expression)
        .containsExactly("scan.findingsAtLeast(\"high\")", "scan.findingsAtLeast(\"high\").size()");
    assertThat(outcome.lookedAt().get(0).value()).contains("PICKLE-001").contains("os.system");
  }

  @Test
  void baselineDeniesAModelTheScanCouldNotFinish() throws Exception {
    Path model =
        ModelTree.at(dir.resolve("opaque"))
            .file("weights.bin", new byte[] {(byte) 0xde, (byte) 0xad, 0, 1, 2, 3, 4, 5, 6, 7})
            .root();
    sign(model, trusted);
    Decision decision = gate("baseline.yaml").check(model);
    assertThat(denials(decision)).containsExactly("scan-completed");
    assertThat(decision.outcomes().get(0).lookedAt())
        .containsExactly(new LookedAt("scan.completed", "false"));
  }

  @Test
  void baselineDeniesAModelWhoseSignatureIsNotTheOneNamed() throws Exception {
    Path model = safeModel("elsewhere");
    Path signature = dir.resolve("elsewhere.sig");
    ModelSigner.withKey(trusted).signModel(model, signature, DigestOptions.defaults());
    Decision unnamed = gate("baseline.yaml").check(model);
    assertThat(denials(unnamed)).containsExactly("signed-by-trusted-key");
    Decision named =
        gate("baseline.yaml")
            .check(
                model,
                dev.custody.gather.GatherOptions.defaults().withSignatures(List.of(signature)));
    assertThat(named.allowed()).isTrue();
  }

  // ---- production ----

  private Gate production(List<AttestationEvidence> attestations, BomEvidence bom)
      throws PolicyException {
    AttestationSource attested = (model, digest) -> attestations;
    BomSource billed = (model, digest) -> bom;
    return gate("production.yaml").withSources(attested, billed);
  }

  private static AttestationEvidence builtBy(String builder) {
    return new AttestationEvidence.Verified(
        "model.intoto.json",
        "https://slsa.dev/provenance/v1",
        "key p256 sha256:00",
        builder,
        List.of(new ArtifactEvidence("reviews", "https://data.example/reviews", Optional.empty())),
        List.of(),
        Map.of("epochs", "3"));
  }

  private static BomEvidence licensed(String... licences) {
    return new BomEvidence(true, List.of(licences), List.of());
  }

  @Test
  void productionAllowsASignedSafetensorsModelFromTheTrustedBuilderUnderAnAllowedLicence()
      throws Exception {
    Path model = safeModel("release");
    sign(model, trusted);
    Decision decision =
        production(List.of(builtBy(BUILDER)), licensed("Apache-2.0", "MIT")).check(model);
    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void productionDeniesAModelFromAnotherBuilder() throws Exception {
    Path model = safeModel("wrong-builder");
    sign(model, trusted);
    Decision decision =
        production(List.of(builtBy("https://evil.example/ci")), licensed("MIT")).check(model);
    assertThat(denials(decision)).containsExactly("built-by-trusted-builder");
  }

  @Test
  void productionDeniesAnAttestationThatDidNotVerify() throws Exception {
    Path model = safeModel("forged");
    sign(model, trusted);
    AttestationEvidence forged =
        new AttestationEvidence.Failed("model.intoto.json", "untrusted-signer", "who knows");
    Decision decision = production(List.of(forged), licensed("MIT")).check(model);
    assertThat(denials(decision)).containsExactly("built-by-trusted-builder");
  }

  @Test
  void productionDeniesAForbiddenLicenceAndAMissingBom() throws Exception {
    Path model = safeModel("licensed");
    sign(model, trusted);
    assertThat(
            denials(
                production(List.of(builtBy(BUILDER)), licensed("MIT", "CC-BY-NC-4.0"))
                    .check(model)))
        .containsExactly("licences-allowed");
    assertThat(denials(production(List.of(builtBy(BUILDER)), BomEvidence.absent()).check(model)))
        .containsExactly("licences-allowed");
  }

  @Test
  void productionDeniesPickleFormatsEvenWhenBenign() throws Exception {
    Path model = pickleModel("pickled", benignPickle());
    sign(model, trusted);
    Decision decision = production(List.of(builtBy(BUILDER)), licensed("MIT")).check(model);
    assertThat(denials(decision)).containsExactly("no-pickle-family-formats");
  }

  @Test
  void productionDeniesWhatTheBaselineDenies() throws Exception {
    Decision decision =
        production(List.of(builtBy(BUILDER)), licensed("MIT")).check(safeModel("unsigned"));
    assertThat(denials(decision)).containsExactly("signed-by-trusted-key");
  }

  // ---- production, every piece of evidence real: attestation files, the model card ----

  private Path releasedModel(String name, String licence) throws Exception {
    Path model =
        ModelTree.at(dir.resolve(name))
            .file("README.md", "---\nlicense: " + licence + "\n---\n# " + name + "\n")
            .file("config.json", "{\"hidden_size\": 2}")
            .file("model.safetensors", safetensors())
            .root();
    sign(model, trusted);
    return model;
  }

  /**
   * A real attestation file about {@code model}, signed by {@code key}, built by {@code builder}.
   */
  private Path attest(Path model, SigningKey key, String builder) throws Exception {
    Digest root =
        new ModelVerifier(TrustPolicy.ofKeys(List.of(TrustedKey.of("k", trusted.publicKey()))))
            .verify(model, model.resolve("model.sig"), VerifyOptions.defaults())
            .rootDigest();
    Provenance provenance =
        new Provenance(
            new Subject(model.getFileName().toString(), root),
            new BuildDefinition(
                Provenance.TRAINING_BUILD_TYPE,
                TrainingParameters.none(),
                BuildEnvironment.defaults(),
                List.of()),
            new RunDetails(builder, null, null, null, List.of()));
    Path file = dir.resolve(model.getFileName() + ".intoto.json");
    new Attester(StatementSigner.withKey(key)).attest(provenance, file);
    return file;
  }

  private Decision productionWithFiles(Path model, Path attestation) throws Exception {
    Gate gate = gate("production.yaml");
    return gate.withSources(
            new AttestationFiles(List.of(attestation), gate.policy().trust(), Clock.systemUTC()),
            BomFiles.inModel())
        .check(model);
  }

  @Test
  void productionAllowsARealReleaseAndRecordsWhatItLookedAt() throws Exception {
    Path model = releasedModel("real-release", "apache-2.0");
    Decision decision = productionWithFiles(model, attest(model, trusted, BUILDER));
    assertThat(decision.allowed()).isTrue();
    assertThat(decision.evidence().bom().licences()).containsExactly("Apache-2.0");
    assertThat(decision.evidence().attestations().get(0))
        .isInstanceOf(AttestationEvidence.Verified.class);
  }

  @Test
  void productionDeniesARealAttestationFromAnotherBuilder() throws Exception {
    Path model = releasedModel("real-wrong-builder", "mit");
    Decision decision =
        productionWithFiles(model, attest(model, trusted, "https://evil.example/ci"));
    assertThat(denials(decision)).containsExactly("built-by-trusted-builder");
    assertThat(((AttestationEvidence.Verified) decision.evidence().attestations().get(0)).builder())
        .isEqualTo("https://evil.example/ci");
  }

  @Test
  void productionDeniesARealAttestationSignedByAStranger() throws Exception {
    Path model = releasedModel("real-stranger", "mit");
    Decision decision = productionWithFiles(model, attest(model, stranger, BUILDER));
    assertThat(denials(decision)).containsExactly("built-by-trusted-builder");
    assertThat(((AttestationEvidence.Failed) decision.evidence().attestations().get(0)).reason())
        .isEqualTo("untrusted-signer");
  }

  @Test
  void productionDeniesAForbiddenLicenceTheModelCardNames() throws Exception {
    Path model = releasedModel("real-non-commercial", "cc-by-nc-4.0");
    Decision decision = productionWithFiles(model, attest(model, trusted, BUILDER));
    assertThat(denials(decision)).containsExactly("licences-allowed");
    assertThat(decision.evidence().bom().licences()).containsExactly("CC-BY-NC-4.0");
  }

  @Test
  void theGateReadsTheModelCardWithoutBeingToldTo() throws Exception {
    Path model = releasedModel("plain-gate", "cc-by-nc-4.0");
    Decision decision = gate("production.yaml").check(model);
    assertThat(decision.evidence().bom().licences()).containsExactly("CC-BY-NC-4.0");
    assertThat(denials(decision)).contains("licences-allowed");
  }

  @Test
  void productionDeniesALicenceSpdxDoesNotKnow() throws Exception {
    Path model = releasedModel("real-other", "other");
    Decision decision = productionWithFiles(model, attest(model, trusted, BUILDER));
    assertThat(denials(decision)).containsExactly("licences-allowed");
  }

  static byte[] safetensors() {
    byte[] header =
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}"
            .getBytes(StandardCharsets.US_ASCII);
    int padded = (header.length + 7) / 8 * 8;
    byte[] out = new byte[8 + padded + 4];
    out[0] = (byte) padded;
    System.arraycopy(header, 0, out, 8, header.length);
    for (int i = header.length; i < padded; i++) {
      out[8 + i] = ' ';
    }
    return out;
  }

  static byte[] maliciousPickle() {
    return PickleBuilder.create()
        .proto(2)
        .global("os", "system")
        .shortBinUnicode(PickleBuilder.MARKER)
        .tuple1()
        .reduce()
        .stop()
        .bytes();
  }

  static byte[] benignPickle() {
    return PickleBuilder.create()
        .proto(2)
        .global("collections", "OrderedDict")
        .emptyTuple()
        .reduce()
        .stop()
        .bytes();
  }
}
