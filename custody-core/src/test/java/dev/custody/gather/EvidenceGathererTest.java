package dev.custody.gather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.attest.Attester;
import dev.custody.digest.DigestOptions;
import dev.custody.digest.ManifestCache;
import dev.custody.evidence.AttestationEvidence;
import dev.custody.evidence.Evidence;
import dev.custody.evidence.SignatureEvidence;
import dev.custody.evidence.SignatureMethod;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import dev.custody.model.ModelPath;
import dev.custody.provenance.BuildDefinition;
import dev.custody.provenance.BuildEnvironment;
import dev.custody.provenance.Provenance;
import dev.custody.provenance.RunDetails;
import dev.custody.provenance.Subject;
import dev.custody.provenance.TrainingParameters;
import dev.custody.scan.Scanner;
import dev.custody.sign.Curve;
import dev.custody.sign.ModelSigner;
import dev.custody.sign.ModelVerifier;
import dev.custody.sign.SigningKey;
import dev.custody.sign.StatementSigner;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.TrustedKey;
import dev.custody.sign.VerifyOptions;
import dev.custody.store.LocalEvidenceStore;
import dev.custody.store.StoredEvidence;
import dev.custody.testkit.ModelTree;
import dev.custody.testkit.PickleBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gathering evidence through the library's entry points, hashing the model once. */
class EvidenceGathererTest {
  @TempDir Path dir;

  private Path model() {
    return ModelTree.at(dir.resolve("m"))
        .file("config.json", "{}")
        .file(
            "sub/pytorch_model.bin",
            PickleBuilder.create()
                .proto(2)
                .global("os", "system")
                .shortBinUnicode(PickleBuilder.MARKER)
                .tuple1()
                .reduce()
                .stop()
                .bytes())
        .root();
  }

  @Test
  void verifyingAndRecordingTheModelHashesItOnce() throws Exception {
    Path model = model();
    SigningKey key = SigningKey.generate(Curve.P256);
    ModelSigner.withKey(key).signModel(model, model.resolve("model.sig"), DigestOptions.defaults());
    ManifestCache cache = new ManifestCache();
    new ModelVerifier(TrustPolicy.ofKeys(List.of(TrustedKey.of("k", key.publicKey()))))
        .verify(model, model.resolve("model.sig"), VerifyOptions.defaults(), cache);
    cache.digest(
        model, DigestOptions.defaults().withIgnorePaths(List.of(new ModelPath("model.sig"))));
    assertThat(cache.digests()).isEqualTo(1);
  }

  @Test
  void gathersScanSignatureAndModelFacts() throws Exception {
    Path model = model();
    SigningKey key = SigningKey.generate(Curve.P256);
    ModelSigner.withKey(key).signModel(model, model.resolve("model.sig"), DigestOptions.defaults());
    TrustPolicy trust = TrustPolicy.ofKeys(List.of(TrustedKey.of("release", key.publicKey())));
    Evidence evidence =
        new EvidenceGatherer(Scanner.standard(), Optional.of(trust))
            .gather(model, GatherOptions.defaults());
    SignatureEvidence.Verified signature =
        (SignatureEvidence.Verified) evidence.signatures().get(0);
    assertThat(signature.method()).isEqualTo(SignatureMethod.KEY);
    assertThat(signature.trustEntry()).isEqualTo("release");
    assertThat(signature.source()).isEqualTo("model.sig");
    assertThat(evidence.model().rootDigest()).isEqualTo(signature.rootDigest());
    assertThat(evidence.model().files())
        .extracting(f -> f.path())
        .containsExactly("config.json", "sub/pytorch_model.bin");
    assertThat(evidence.scan().findings().get(0).file()).isEqualTo("sub/pytorch_model.bin");
    assertThat(evidence.scan().findings().get(0).rule().value()).isEqualTo("PICKLE-001");
  }

  @Test
  void withoutTrustEverySignatureFailsAndTheModelIsStillDescribed() throws Exception {
    Path model = model();
    ModelSigner.withKey(SigningKey.generate(Curve.P256))
        .signModel(model, model.resolve("model.sig"), DigestOptions.defaults());
    Evidence evidence =
        new EvidenceGatherer(Scanner.standard(), Optional.empty())
            .gather(model, GatherOptions.defaults());
    assertThat(evidence.signatures())
        .singleElement()
        .isEqualTo(
            new SignatureEvidence.Failed(
                "model.sig",
                "no-trust-configured",
                "the policy trusts no key, certificate authority or keyless identity, so no"
                    + " signature can verify; add one under trust:"));
    assertThat(evidence.model().files()).hasSize(2);
  }

  private static byte[] attestation(SigningKey key, String name, Digest subject, String builder) {
    Provenance provenance =
        new Provenance(
            new Subject(name, subject),
            new BuildDefinition(
                Provenance.TRAINING_BUILD_TYPE,
                TrainingParameters.none(),
                BuildEnvironment.defaults(),
                List.of()),
            new RunDetails(builder, null, null, null, List.of()));
    return new Attester(StatementSigner.withKey(key)).sign(provenance).json().toByteArray();
  }

  @Test
  void theStoreGivesSignaturesAndAttestationsFiledUnderTheModelsRootDigest() throws Exception {
    Path model = model();
    SigningKey key = SigningKey.generate(Curve.P256);
    Path signature = dir.resolve("elsewhere.sig");
    ModelSigner.withKey(key).signModel(model, signature, DigestOptions.defaults());
    LocalEvidenceStore store = new LocalEvidenceStore(dir.resolve("store"));
    StoredEvidence storedSignature = store.put(Files.readAllBytes(signature));
    Digest root = storedSignature.subject();
    store.put(attestation(key, "m", root, "https://ci.example/train"));
    store.put(attestation(key, "other", new Digest(HashAlgorithm.SHA256, "44".repeat(32)), "x"));
    TrustPolicy trust = TrustPolicy.ofKeys(List.of(TrustedKey.of("release", key.publicKey())));

    Evidence evidence =
        new EvidenceGatherer(Scanner.standard(), Optional.of(trust))
            .gather(model, GatherOptions.defaults().withStore(store));

    assertThat(evidence.model().rootDigest()).isEqualTo(root);
    SignatureEvidence.Verified verified = (SignatureEvidence.Verified) evidence.signatures().get(0);
    assertThat(verified.source()).isEqualTo("store:" + storedSignature.id());
    assertThat(verified.trustEntry()).isEqualTo("release");
    assertThat(evidence.attestations())
        .singleElement()
        .isInstanceOfSatisfying(
            AttestationEvidence.Verified.class,
            a -> assertThat(a.builder()).isEqualTo("https://ci.example/train"));
  }

  @Test
  void aTamperedStoreEntryIsFailedEvidenceNotASignature() throws Exception {
    Path model = model();
    SigningKey key = SigningKey.generate(Curve.P256);
    Path signature = dir.resolve("before.sig");
    ModelSigner.withKey(key).signModel(model, signature, DigestOptions.defaults());
    LocalEvidenceStore store = new LocalEvidenceStore(dir.resolve("store"));
    StoredEvidence stored = store.put(Files.readAllBytes(signature));
    // Evidence is content-addressed: bytes changed in the store no longer match their id.
    Path entry;
    try (var files = Files.walk(store.root())) {
      entry =
          files
              .filter(f -> f.getFileName().toString().contains(stored.id().hex()))
              .findFirst()
              .orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length - 2] ^= 1;
    Files.write(entry, bytes);
    TrustPolicy trust = TrustPolicy.ofKeys(List.of(TrustedKey.of("release", key.publicKey())));

    Evidence evidence =
        new EvidenceGatherer(Scanner.standard(), Optional.of(trust))
            .gather(model, GatherOptions.defaults().withStore(store));

    assertThat(evidence.signatures())
        .singleElement()
        .isInstanceOfSatisfying(
            SignatureEvidence.Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo("store-unreadable");
              assertThat(f.source()).isEqualTo("store:" + stored.id());
            });
  }

  @Test
  void anEmptyStoreAddsNothing() throws Exception {
    Evidence evidence =
        new EvidenceGatherer(Scanner.standard(), Optional.empty())
            .gather(
                model(),
                GatherOptions.defaults().withStore(new LocalEvidenceStore(dir.resolve("empty"))));
    assertThat(evidence.signatures()).isEmpty();
    assertThat(evidence.attestations()).isEmpty();
  }

  @Test
  void aMissingModelIsAGatherException() {
    assertThatThrownBy(() ->
            new EvidenceGatherer(Scanner.standard(), Optional.empty())
                .gather(dir.resolve("none"), GatherOptions.defaults()))
        .isInstanceOf(GatherException.class)
        .hasMessageContaining("does not exist");
  }
}
