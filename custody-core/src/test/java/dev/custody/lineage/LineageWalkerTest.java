package dev.custody.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.attest.Attester;
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
import dev.custody.sign.SigningKey;
import dev.custody.sign.StatementSigner;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.TrustedKey;
import dev.custody.store.LocalEvidenceStore;
import dev.custody.store.StoredEvidence;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three generations, really signed and filed: base model (from a pretraining dataset) → fine-tune
 * (with a fine-tuning dataset) → distilled model (with a distillation dataset), walked both ways,
 * then broken one link at a time.
 */
class LineageWalkerTest {
  static final Digest PRETRAIN = digest('1');
  static final Digest TUNE_DATA = digest('2');
  static final Digest DISTILL_DATA = digest('3');
  static final Digest BASE = digest('a');
  static final Digest TUNED = digest('b');
  static final Digest DISTILLED = digest('c');

  @TempDir Path tmp;

  private final SigningKey trusted = SigningKey.generate(Curve.P256);
  private final SigningKey stranger = SigningKey.generate(Curve.P256);
  private LocalEvidenceStore store;

  static Digest digest(char c) {
    return new Digest(HashAlgorithm.SHA256, String.valueOf(c).repeat(64));
  }

  @BeforeEach
  void openStore() {
    store = new LocalEvidenceStore(tmp.resolve("store"));
  }

  private StoredEvidence attest(
      SigningKey key, String name, Digest subject, List<ResolvedDependency> inputs)
      throws Exception {
    return store.put(signed(key, name, subject, inputs));
  }

  private static byte[] signed(
      SigningKey key, String name, Digest subject, List<ResolvedDependency> inputs) {
    Provenance provenance =
        new Provenance(
            new Subject(name, subject),
            new BuildDefinition(
                Provenance.TRAINING_BUILD_TYPE,
                TrainingParameters.none(),
                BuildEnvironment.defaults(),
                inputs),
            new RunDetails("https://ci.example/train", null, null, null, List.of()));
    return new Attester(StatementSigner.withKey(key)).sign(provenance).json().toByteArray();
  }

  private void threeGenerations(SigningKey tunedBy) throws Exception {
    attest(trusted, "base", BASE, List.of(ResolvedDependency.dataset("pretrain", PRETRAIN)));
    attest(
        tunedBy,
        "tuned",
        TUNED,
        List.of(
            ResolvedDependency.baseModel("base", BASE),
            ResolvedDependency.dataset("reviews", TUNE_DATA)));
    attest(
        trusted,
        "distilled",
        DISTILLED,
        List.of(
            ResolvedDependency.baseModel("tuned", TUNED),
            ResolvedDependency.dataset("distill", DISTILL_DATA)));
  }

  private LineageWalker walker() throws Exception {
    return new LineageWalker(
        store,
        TrustPolicy.ofKeys(List.of(TrustedKey.of("release", trusted.publicKey()))),
        Clock.systemUTC());
  }

  /** Every node as "depth name role state...", depth first. */
  private static List<String> flatten(LineageNode node) {
    List<String> out = new ArrayList<>();
    flatten(node, 0, out);
    return out;
  }

  private static void flatten(LineageNode node, int depth, List<String> out) {
    StringBuilder line = new StringBuilder().append(depth).append(' ').append(node.name());
    line.append(' ').append(node.role().wireName());
    node.links().forEach(l -> line.append(' ').append(l.state()));
    out.add(line.toString());
    node.next().forEach(n -> flatten(n, depth + 1, out));
  }

  @Test
  void walksUpToEveryBaseModelAndDataset() throws Exception {
    threeGenerations(trusted);
    Lineage lineage = walker().walk(DISTILLED, "distilled", Direction.UP);
    assertThat(flatten(lineage.up().orElseThrow()))
        .containsExactly(
            "0 distilled model verified",
            "1 tuned base-model verified",
            "2 base base-model verified",
            "3 pretrain dataset",
            "2 reviews dataset",
            "1 distill dataset");
    assertThat(lineage.brokenLinks()).isZero();
    assertThat(lineage.down()).isEmpty();
  }

  @Test
  void walksDownFromADatasetToEveryModelMadeFromIt() throws Exception {
    threeGenerations(trusted);
    Lineage lineage = walker().walk(PRETRAIN, "pretrain", Direction.DOWN);
    assertThat(flatten(lineage.down().orElseThrow()))
        .containsExactly(
            "0 pretrain model",
            "1 base derived verified",
            "2 tuned derived verified",
            "3 distilled derived verified");
    assertThat(lineage.brokenLinks()).isZero();
  }

  @Test
  void walksBothWaysFromTheMiddle() throws Exception {
    threeGenerations(trusted);
    Lineage lineage = walker().walk(TUNED, "tuned", Direction.BOTH);
    assertThat(flatten(lineage.up().orElseThrow()))
        .startsWith("0 tuned model verified", "1 base base-model verified");
    assertThat(flatten(lineage.down().orElseThrow()))
        .containsExactly("0 tuned model", "1 distilled derived verified");
  }

  @Test
  void aLinkSignedByAStrangerIsBrokenAndNotFollowed() throws Exception {
    threeGenerations(stranger);
    Lineage lineage = walker().walk(DISTILLED, "distilled", Direction.BOTH);
    LineageNode tuned = lineage.up().orElseThrow().next().get(0);
    assertThat(tuned.links())
        .singleElement()
        .isInstanceOfSatisfying(
            Link.Unverifiable.class, u -> assertThat(u.reason()).isEqualTo("untrusted-signer"));
    assertThat(tuned.next()).isEmpty();
    assertThat(lineage.brokenLinks()).isEqualTo(1);
  }

  private static String payload(String bundle) {
    Matcher payload = Pattern.compile("\"payload\"\\s*:\\s*\"([^\"]+)\"").matcher(bundle);
    assertThat(payload.find()).isTrue();
    return payload.group(1);
  }

  @Test
  void anEnvelopeWhosePayloadWasSwappedIsABadSignature() throws Exception {
    String real =
        new String(
            signed(
                trusted, "tuned", TUNED, List.of(ResolvedDependency.dataset("reviews", TUNE_DATA))),
            StandardCharsets.UTF_8);
    String other =
        new String(
            signed(
                trusted, "tuned", TUNED, List.of(ResolvedDependency.dataset("poisoned", PRETRAIN))),
            StandardCharsets.UTF_8);
    // The second statement under the first one's signature: the store files it (it does not
    // verify), the walk must not believe it.
    store.put(real.replace(payload(real), payload(other)).getBytes(StandardCharsets.UTF_8));
    Lineage lineage = walker().walk(TUNED, "tuned", Direction.UP);
    assertThat(lineage.up().orElseThrow().links())
        .singleElement()
        .isInstanceOfSatisfying(
            Link.Unverifiable.class, u -> assertThat(u.reason()).isEqualTo("bad-signature"));
    assertThat(lineage.up().orElseThrow().next()).isEmpty();
  }

  @Test
  void bytesChangedInTheStoreAreUnverifiable() throws Exception {
    StoredEvidence stored =
        attest(trusted, "tuned", TUNED, List.of(ResolvedDependency.dataset("reviews", TUNE_DATA)));
    Path file =
        tmp.resolve("store/sha256")
            .resolve(TUNED.hex())
            .resolve("attestation-" + stored.id().hex() + ".json");
    Files.writeString(file, Files.readString(file) + " ");
    Lineage lineage = walker().walk(TUNED, "tuned", Direction.UP);
    assertThat(lineage.up().orElseThrow().links())
        .singleElement()
        .isInstanceOfSatisfying(
            Link.Unverifiable.class, u -> assertThat(u.reason()).isEqualTo("store-unreadable"));
  }

  @Test
  void aModelWithoutAttestationIsAMissingLink() throws Exception {
    attest(trusted, "tuned", TUNED, List.of(ResolvedDependency.baseModel("base", BASE)));
    Lineage lineage = walker().walk(TUNED, "tuned", Direction.UP);
    assertThat(flatten(lineage.up().orElseThrow()))
        .containsExactly("0 tuned model verified", "1 base base-model missing-attestation");
    assertThat(lineage.brokenLinks()).isEqualTo(1);
  }

  @Test
  void anAttestationFiledUnderAnotherModelIsADigestMismatch() throws Exception {
    StoredEvidence base = attest(trusted, "base", BASE, List.of());
    // A store whose files were moved: the tuned model's folder holds the base model's attestation.
    Path from =
        tmp.resolve("store/sha256")
            .resolve(BASE.hex())
            .resolve("attestation-" + base.id().hex() + ".json");
    Path to = tmp.resolve("store/sha256").resolve(TUNED.hex());
    Files.createDirectories(to);
    Files.copy(from, to.resolve(from.getFileName()));
    Lineage lineage = walker().walk(TUNED, "tuned", Direction.UP);
    assertThat(lineage.up().orElseThrow().links())
        .singleElement()
        .isInstanceOfSatisfying(
            Link.DigestMismatch.class,
            m -> {
              assertThat(m.expected()).isEqualTo(TUNED);
              assertThat(m.found()).contains(BASE);
            });
  }

  @Test
  void aDependentThatDoesNotNameTheParentIsADigestMismatch() throws Exception {
    StoredEvidence tuned =
        attest(trusted, "tuned", TUNED, List.of(ResolvedDependency.dataset("reviews", TUNE_DATA)));
    Path index = tmp.resolve("store/dependents/sha256").resolve(PRETRAIN.hex());
    Files.createDirectories(index);
    Files.createFile(index.resolve(TUNED.hex() + "-" + tuned.id().hex()));
    Lineage lineage = walker().walk(PRETRAIN, "pretrain", Direction.DOWN);
    assertThat(flatten(lineage.down().orElseThrow()))
        .containsExactly("0 pretrain model", "1 tuned derived digest-mismatch");
  }

  @Test
  void attestationsThatLeadInACircleStopAtTheCycle() throws Exception {
    attest(trusted, "a", BASE, List.of(ResolvedDependency.baseModel("b", TUNED)));
    attest(trusted, "b", TUNED, List.of(ResolvedDependency.baseModel("a", BASE)));
    Lineage lineage = walker().walk(BASE, "a", Direction.BOTH);
    assertThat(flatten(lineage.up().orElseThrow()))
        .containsExactly("0 a model verified", "1 b base-model verified", "2 a base-model cycle");
    assertThat(flatten(lineage.down().orElseThrow()))
        .containsExactly("0 a model", "1 b derived verified", "2 a derived verified cycle");
  }

  @Test
  void aLongChainStopsAtTheDepthLimit() throws Exception {
    threeGenerations(trusted);
    Lineage lineage =
        new LineageWalker(
                store,
                TrustPolicy.ofKeys(List.of(TrustedKey.of("release", trusted.publicKey()))),
                Clock.systemUTC(),
                new LineageLimits(100, 1))
            .walk(DISTILLED, "distilled", Direction.UP);
    assertThat(flatten(lineage.up().orElseThrow()))
        .contains("2 base base-model limit-reached", "2 reviews dataset limit-reached");
  }

  @Test
  void aWalkStopsAfterTheMostArtifactsAndTheNextWalkStartsAfresh() throws Exception {
    threeGenerations(trusted);
    LineageWalker small =
        new LineageWalker(
            store,
            TrustPolicy.ofKeys(List.of(TrustedKey.of("release", trusted.publicKey()))),
            Clock.systemUTC(),
            new LineageLimits(3, 64));
    for (int walk = 0; walk < 2; walk++) {
      assertThat(flatten(small.walk(DISTILLED, "distilled", Direction.UP).up().orElseThrow()))
          .containsExactly(
              "0 distilled model verified",
              "1 tuned base-model verified",
              "2 base base-model verified",
              "3 pretrain dataset limit-reached",
              "2 reviews dataset limit-reached",
              "1 distill dataset limit-reached");
    }
  }
}
