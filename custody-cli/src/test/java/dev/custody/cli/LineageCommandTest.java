package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.testkit.ModelTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code custody lineage} over a store filled by {@code custody attest --store}: a pretraining
 * dataset and a base model, a fine-tune with its own dataset, a distilled model.
 */
class LineageCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private String store;
  private String trusted;

  @BeforeEach
  void keys() {
    store = "--store=" + dir.resolve("store");
    assertThat(CliRun.of("keygen", "--out", dir.resolve("release").toString()).exitCode()).isZero();
    assertThat(CliRun.of("keygen", "--out", dir.resolve("stranger").toString()).exitCode())
        .isZero();
    trusted = dir.resolve("release.pub.pem").toString();
  }

  private Path folder(String name, String content) {
    return ModelTree.at(dir.resolve(name)).file("data.bin", content).root();
  }

  private void attest(String signer, Path model, String... inputs) {
    List<String> args = new ArrayList<>(List.of("attest", model.toString()));
    args.addAll(List.of("--key", dir.resolve(signer + ".pem").toString()));
    args.addAll(List.of(inputs));
    args.add(store);
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  /** Attests the three generations; the fine-tune is signed by {@code tunedBy}. */
  private Path threeGenerations(String tunedBy) {
    Path pretrain = folder("pretrain", "corpus");
    Path reviews = folder("reviews", "reviews");
    Path base = folder("base", "base weights");
    Path tuned = folder("tuned", "tuned weights");
    Path distilled = folder("distilled", "small weights");
    attest("release", base, "--dataset", pretrain.toString());
    attest(tunedBy, tuned, "--base-model", base.toString(), "--dataset", reviews.toString());
    attest("release", distilled, "--base-model", tuned.toString());
    return distilled;
  }

  @Test
  void theTreeUpFromADistilledModelReachesTheFirstDataset() {
    Path distilled = threeGenerations("release");
    CliRun run = CliRun.of("lineage", distilled.toString(), "--key", trusted, store);
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .startsWith("Made from (up):\nmodel  'distilled'  sha256:")
        .contains("`-- base-model  'tuned'  sha256:")
        .contains("    |-- base-model  'base'  sha256:")
        .contains("dataset  'pretrain'")
        .contains("dataset  'reviews'")
        .contains("verified: signed by")
        .endsWith("Every link verified.\n");
  }

  @Test
  void theTreeDownFromTheDatasetReachesTheDistilledModel() {
    threeGenerations("release");
    CliRun run =
        CliRun.of(
            "lineage",
            dir.resolve("pretrain").toString(),
            "--key",
            trusted,
            store,
            "--direction",
            "down");
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .startsWith("Made into (down):\nmodel  'pretrain'")
        .contains("`-- derived  'base'")
        .contains("`-- derived  'tuned'")
        .contains("`-- derived  'distilled'");
  }

  @Test
  void aLinkSignedByAnUntrustedKeyIsBrokenExitOne() {
    Path distilled = threeGenerations("stranger");
    CliRun run = CliRun.of("lineage", distilled.toString(), "--key", trusted, store);
    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out())
        .contains("BROKEN unverifiable-signature (untrusted-signer)")
        .doesNotContain("'base'")
        .endsWith("1 link is broken.\n");
  }

  @Test
  void aModelChangedSinceItWasAttestedHasNoAttestation() throws Exception {
    Path distilled = threeGenerations("release");
    Files.writeString(distilled.resolve("data.bin"), "other weights");
    CliRun run = CliRun.of("lineage", distilled.toString(), "--key", trusted, store);
    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out()).contains("BROKEN missing-attestation");
  }

  @Test
  void jsonHasBothTreesWithTheirLinks() throws Exception {
    threeGenerations("release");
    CliRun run =
        CliRun.of(
            "lineage",
            dir.resolve("tuned").toString(),
            "--key",
            trusted,
            store,
            "--direction",
            "both",
            "--format",
            "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("apiVersion").asText()).isEqualTo("custody.dev/lineage/v1");
    assertThat(json.get("brokenLinks").asInt()).isZero();
    assertThat(json.get("up").get("links").get(0).get("state").asText()).isEqualTo("verified");
    assertThat(json.get("up").get("inputs").findValuesAsText("name"))
        .contains("base", "reviews", "pretrain");
    assertThat(json.get("down").get("derived").get(0).get("name").asText()).isEqualTo("distilled");
  }

  @Test
  void dotIsAGraphThatGraphvizRenders() throws Exception {
    Path distilled = threeGenerations("stranger");
    CliRun run =
        CliRun.of("lineage", distilled.toString(), "--key", trusted, store, "--format", "dot");
    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out())
        .startsWith("digraph lineage {")
        .contains("[color=red, xlabel=\"unverifiable-signature\"]")
        .endsWith("}\n");
    Path graph = Files.writeString(dir.resolve("lineage.dot"), run.out());
    boolean graphviz;
    try {
      graphviz = new ProcessBuilder("dot", "-V").start().waitFor(10, TimeUnit.SECONDS);
    } catch (java.io.IOException e) {
      graphviz = false;
    }
    assumeTrue(graphviz, "Graphviz 'dot' is not installed; the DOT text was checked, not rendered");
    Process dot =
        new ProcessBuilder("dot", "-Tsvg", graph.toString())
            .redirectOutput(dir.resolve("lineage.svg").toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(dot.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(dot.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("lineage.svg"), StandardCharsets.UTF_8))
        .contains("<svg")
        .contains("distilled");
  }

  @Test
  void aDerivedModelSignedByAStrangerIsADashedRedEdgeWalkingDown() {
    threeGenerations("stranger");
    CliRun run =
        CliRun.of(
            "lineage",
            dir.resolve("base").toString(),
            "--key",
            trusted,
            store,
            "--direction",
            "down",
            "--format",
            "dot");
    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out()).contains("[label=\"unverifiable-signature\", color=red, style=dashed]");
  }

  @Test
  void userErrorsReadWell() {
    threeGenerations("release");
    CliRun direction =
        CliRun.of(
            "lineage",
            "sha256:" + "ab".repeat(32),
            "--key",
            trusted,
            store,
            "--direction",
            "sideways");
    assertThat(direction.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(direction.err()).contains("--direction 'sideways' is not up, down or both");
    CliRun noStore =
        CliRun.of(
            "lineage",
            "sha256:" + "ab".repeat(32),
            "--key",
            trusted,
            "--store=" + dir.resolve("none"));
    assertThat(noStore.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noStore.err()).contains("is not a folder");
    CliRun noTrust = CliRun.of("lineage", "sha256:" + "ab".repeat(32), store);
    assertThat(noTrust.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noTrust.err()).contains("no trust source given");
    CliRun unknown = CliRun.of("lineage", "sha256:" + "ab".repeat(32), "--key", trusted, store);
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(unknown.out()).contains("BROKEN missing-attestation");
    assertThat(unknown.err()).contains("holds no attestation of or from sha256:abab");
    CliRun missing = CliRun.of("lineage", dir.resolve("nope").toString(), "--key", trusted, store);
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void helpShowsAnExample() {
    assertThat(CliRun.of("lineage", "--help").out())
        .contains("Examples:")
        .contains("custody lineage my-distilled-model --key release.pub.pem");
  }
}
