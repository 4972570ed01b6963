package dev.custody.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.attest.Attester;
import dev.custody.digest.DigestOptions;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import dev.custody.provenance.BuildDefinition;
import dev.custody.provenance.BuildEnvironment;
import dev.custody.provenance.Provenance;
import dev.custody.provenance.ResolvedDependency;
import dev.custody.provenance.RunDetails;
import dev.custody.provenance.Subject;
import dev.custody.provenance.TrainingParameters;
import dev.custody.sign.Curve;
import dev.custody.sign.ModelSigner;
import dev.custody.sign.SigningKey;
import dev.custody.sign.StatementSigner;
import dev.custody.testkit.ModelTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local evidence store files evidence by what its statement says and hands it back intact. */
class LocalEvidenceStoreTest {
  static final Digest MODEL = new Digest(HashAlgorithm.SHA256, "11".repeat(32));
  static final Digest DATA = new Digest(HashAlgorithm.SHA256, "22".repeat(32));
  static final Digest BASE = new Digest(HashAlgorithm.SHA256, "33".repeat(32));

  @TempDir Path tmp;

  private final SigningKey key = SigningKey.generate(Curve.P256);

  private byte[] attestation(Digest model, Digest... inputs) {
    List<ResolvedDependency> dependencies =
        java.util.Arrays.stream(inputs).map(d -> ResolvedDependency.dataset(null, d)).toList();
    Provenance provenance =
        new Provenance(
            new Subject("m", model),
            new BuildDefinition(
                Provenance.TRAINING_BUILD_TYPE,
                TrainingParameters.none(),
                BuildEnvironment.defaults(),
                dependencies),
            new RunDetails(Provenance.DEFAULT_BUILDER, null, null, null, List.of()));
    return new Attester(StatementSigner.withKey(key)).sign(provenance).json().toByteArray();
  }

  @Test
  void filesAnAttestationByItsSubjectAndItsInputs() throws Exception {
    LocalEvidenceStore store = new LocalEvidenceStore(tmp.resolve("store"));
    byte[] bundle = attestation(MODEL, DATA, BASE);

    StoredEvidence stored = store.put(bundle);

    assertThat(stored.kind()).isEqualTo(EvidenceKind.ATTESTATION);
    assertThat(stored.subject()).isEqualTo(MODEL);
    assertThat(store.list(MODEL)).containsExactly(stored);
    assertThat(store.read(stored)).isEqualTo(bundle);
    assertThat(store.dependents(DATA)).containsExactly(stored);
    assertThat(store.dependents(BASE)).containsExactly(stored);
    assertThat(store.dependents(MODEL)).isEmpty();
    assertThat(store.list(DATA)).isEmpty();
    assertThat(
            tmp.resolve(
                "store/sha256/" + MODEL.hex() + "/attestation-" + stored.id().hex() + ".json"))
        .isRegularFile();
  }

  @Test
  void filesASignatureByTheSignedRootDigestAndListsItFirst() throws Exception {
    Path model = ModelTree.at(tmp.resolve("model")).file("w.bin", "weights").root();
    Path signature = tmp.resolve("model.sig");
    var signed =
        ModelSigner.withKey(key)
            .signModel(model, signature, DigestOptions.defaults().withThreads(1));
    Digest root = signed.manifest().rootDigest();
    LocalEvidenceStore store = new LocalEvidenceStore(tmp.resolve("store"));

    StoredEvidence attestation = store.put(attestation(root));
    StoredEvidence stored = store.put(Files.readAllBytes(signature));

    assertThat(stored.kind()).isEqualTo(EvidenceKind.SIGNATURE);
    assertThat(store.list(root)).containsExactly(stored, attestation);
  }

  @Test
  void filingTheSameBytesTwiceKeepsOneCopy() throws Exception {
    LocalEvidenceStore store = new LocalEvidenceStore(tmp.resolve("store"));
    byte[] bundle = attestation(MODEL, DATA);
    store.put(bundle);
    store.put(bundle);
    assertThat(store.list(MODEL)).hasSize(1);
    assertThat(store.dependents(DATA)).hasSize(1);
  }

  @Test
  void refusesBytesThatAreNoEvidence() {
    LocalEvidenceStore store = new LocalEvidenceStore(tmp.resolve("store"));
    assertThatThrownBy(() -> store.put("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EvidenceStoreException.class)
        .hasMessageContaining("not a signature or attestation custody reads");
    assertThat(tmp.resolve("store")).doesNotExist();
  }

  @Test
  void aFileChangedInTheStoreIsRefusedOnReading() throws Exception {
    LocalEvidenceStore store = new LocalEvidenceStore(tmp.resolve("store"));
    StoredEvidence stored = store.put(attestation(MODEL));
    Path file =
        tmp.resolve("store/sha256/" + MODEL.hex() + "/attestation-" + stored.id().hex() + ".json");
    Files.writeString(file, "{}");

    assertThatThrownBy(() -> store.read(stored))
        .isInstanceOf(EvidenceStoreException.class)
        .hasMessageContaining("its bytes changed");
  }

  @Test
  void listingsSkipNamesOfAnyOtherShape() throws Exception {
    LocalEvidenceStore store = new LocalEvidenceStore(tmp.resolve("store"));
    StoredEvidence stored = store.put(attestation(MODEL, DATA));
    Files.writeString(tmp.resolve("store/sha256/" + MODEL.hex() + "/notes.txt"), "x");
    Files.writeString(tmp.resolve("store/dependents/sha256/" + DATA.hex() + "/../../x"), "x");
    Files.createDirectories(tmp.resolve("store/sha256/" + MODEL.hex() + "/attestation-zz.json"));

    assertThat(store.list(MODEL)).containsExactly(stored);
    assertThat(store.dependents(DATA)).containsExactly(stored);
  }

  @Test
  void theDefaultLocationFollowsTheEnvironment() {
    Path home = Path.of("/home/alice");
    assertThat(LocalEvidenceStore.defaultLocation(Map.of(), home))
        .isEqualTo(Path.of("/home/alice/.local/share/custody/store"));
    assertThat(LocalEvidenceStore.defaultLocation(Map.of("XDG_DATA_HOME", "/data"), home))
        .isEqualTo(Path.of("/data/custody/store"));
    assertThat(LocalEvidenceStore.defaultLocation(Map.of("XDG_DATA_HOME", "relative"), home))
        .isEqualTo(Path.of("/home/alice/.local/share/custody/store"));
    assertThat(
            LocalEvidenceStore.defaultLocation(
                Map.of("CUSTODY_STORE", "/srv/evidence", "XDG_DATA_HOME", "/data"), home))
        .isEqualTo(Path.of("/srv/evidence"));
  }
}
