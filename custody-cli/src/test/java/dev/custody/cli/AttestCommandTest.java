package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.testkit.ModelTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code custody attest} and {@code custody verify-attestation} as a user runs them. */
class AttestCommandTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path tmp;
  private Path model;
  private Path dataset;
  private Path code;
  private String key;

  @BeforeEach
  void makeInputs() throws Exception {
    model =
        ModelTree.at(tmp.resolve("tuned"))
            .file("config.json", "{\"model_type\": \"bert\", \"transformers_version\": \"4.41.0\"}")
            .file("weights.bin", "weights\n")
            .root();
    dataset = ModelTree.at(tmp.resolve("data")).file("train.jsonl", "{\"x\": 1}\n").root();
    code =
        ModelTree.at(tmp.resolve("train-code"))
            .file(".git/HEAD", "ref: refs/heads/main\n")
            .file(".git/refs/heads/main", COMMIT + "\n")
            .file(".git/config", "[remote \"origin\"]\n\turl = https://tok@github.com/org/t.git\n")
            .file("train.py", "print('hi')\n")
            .root();
    Files.writeString(tmp.resolve("requirements.txt"), "torch==2.1.0\nnumpy>=1.20\n");
    Files.writeString(tmp.resolve("metrics.json"), "{\"loss\": 0.12}\n");
    Files.writeString(
        tmp.resolve("params.json"), "{\"optimizer\": {\"lr\": 0.001}, \"epochs\": 2}");
    key = tmp.resolve("release").toString();
    assertThat(CliRun.of("keygen", "--out", key).exitCode()).isEqualTo(ExitCode.OK);
  }

  private CliRun attest(String... more) {
    String[] base = {
      "attest",
      model.toString(),
      "--key",
      key + ".pem",
      "--dataset",
      dataset.toString(),
      "--base-model",
      "bert-base=sha256:" + "ab".repeat(32),
      "--code",
      code.toString(),
      "--param",
      "epochs=3",
      "--params-file",
      tmp.resolve("params.json").toString(),
      "--requirements",
      tmp.resolve("requirements.txt").toString(),
      "--metrics",
      tmp.resolve("metrics.json").toString(),
      "--started",
      "2026-11-20T08:00:00Z",
      "--finished",
      "2026-11-20T09:00:00+01:00"
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRun.of(args);
  }

  @Test
  void attestsBesideTheModelAndVerifiesWithASummary() {
    CliRun attest = attest();
    assertThat(attest.exitCode()).as(attest.err()).isEqualTo(ExitCode.OK);
    assertThat(attest.out())
        .startsWith("Attested ")
        .contains("1 dataset, 1 base model, 1 code revision, 1 package, 2 parameters, 1 byproduct");
    assertThat(attest.err()).contains("without an exact version are not recorded (numpy)");
    assertThat(tmp.resolve("tuned.intoto.json")).isRegularFile();

    CliRun verify = CliRun.of("verify-attestation", model.toString(), "--key", key + ".pub.pem");
    assertThat(verify.exitCode()).as(verify.err()).isEqualTo(ExitCode.OK);
    assertThat(verify.out())
        .startsWith("Verified provenance of ")
        .contains("'data' sha256:")
        .contains("'bert-base' sha256:" + "ab".repeat(32))
        .contains("git+https://github.com/org/t.git@" + COMMIT)
        .doesNotContain("tok@")
        .contains("epochs=3, optimizer.lr=0.001")
        .contains("pkg:pypi/torch@2.1.0")
        .contains("pkg:pypi/transformers@4.41.0")
        .contains("model_type=bert")
        .contains("2026-11-20T08:00:00Z to 2026-11-20T08:00:00Z")
        .contains("'metrics.json' sha256:");
  }

  @Test
  void verifiesAgainstARootDigestAndPrintsJson() throws Exception {
    assertThat(attest().exitCode()).isEqualTo(ExitCode.OK);
    String root = CliRun.of("digest", model.toString()).out().strip();

    CliRun verify =
        CliRun.of(
            "verify-attestation",
            root,
            "--attestation",
            tmp.resolve("tuned.intoto.json").toString(),
            "--key",
            key + ".pub.pem",
            "--format",
            "json");

    assertThat(verify.exitCode()).as(verify.err()).isEqualTo(ExitCode.OK);
    JsonNode json = new ObjectMapper().readTree(verify.out());
    assertThat(json.get("verified").asBoolean()).isTrue();
    assertThat(json.get("rootDigest").asText()).isEqualTo(root);
    assertThat(json.at("/statement/predicateType").asText())
        .isEqualTo("https://slsa.dev/provenance/v1");
    assertThat(json.at("/statement/predicate/runDetails/metadata/finishedOn").asText())
        .isEqualTo("2026-11-20T08:00:00Z");
  }

  @Test
  void aChangedModelFailsWithBothDigestsAndExitsOne() throws Exception {
    assertThat(attest().exitCode()).isEqualTo(ExitCode.OK);
    Files.writeString(model.resolve("weights.bin"), "other weights\n");

    CliRun verify = CliRun.of("verify-attestation", model.toString(), "--key", key + ".pub.pem");

    assertThat(verify.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(verify.err()).contains("not the model in hand (sha256:");
  }

  @Test
  void aSignatureInsideTheModelDoesNotChangeTheSubject() throws Exception {
    assertThat(CliRun.of("sign", model.toString(), "--key", key + ".pem").exitCode())
        .isEqualTo(ExitCode.OK);
    CliRun attest = attest("--format", "json");
    assertThat(attest.exitCode()).as(attest.err()).isEqualTo(ExitCode.OK);
    CliRun verify =
        CliRun.of("verify", model.toString(), "--key", key + ".pub.pem", "--format", "json");

    ObjectMapper mapper = new ObjectMapper();
    assertThat(mapper.readTree(attest.out()).get("rootDigest"))
        .isEqualTo(mapper.readTree(verify.out()).get("rootDigest"));
  }

  @Test
  void anUntrustedKeyExitsOne() {
    assertThat(attest().exitCode()).isEqualTo(ExitCode.OK);
    String other = tmp.resolve("other").toString();
    assertThat(CliRun.of("keygen", "--out", other).exitCode()).isEqualTo(ExitCode.OK);

    CliRun verify = CliRun.of("verify-attestation", model.toString(), "--key", other + ".pub.pem");

    assertThat(verify.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(verify.err()).contains("not a trusted key");
  }

  @Test
  void aMissingDatasetIsAUsageError() {
    CliRun run =
        CliRun.of("attest", model.toString(), "--key", key + ".pem", "--dataset", "no/such/data");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("is neither a file or folder nor a digest");
  }

  @Test
  void anOutputInsideTheModelIsRefused() {
    CliRun run =
        CliRun.of(
            "attest",
            model.toString(),
            "--key",
            key + ".pem",
            "--output",
            model.resolve("prov.json").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("would be inside the model");
  }

  @Test
  void signAndAttestRecordIntoTheStore() throws Exception {
    Path store = tmp.resolve("store");
    Map<String, String> env = Map.of("CUSTODY_STORE", store.toString());
    CliRun sign =
        CliRun.withEnvironment(env, "sign", model.toString(), "--key", key + ".pem", "--store");
    assertThat(sign.exitCode()).as(sign.err()).isEqualTo(ExitCode.OK);
    assertThat(sign.out()).contains("stored       sha256:");
    CliRun attest =
        CliRun.withEnvironment(
            env, "attest", model.toString(), "--key", key + ".pem", "--store=" + store);
    assertThat(attest.exitCode()).as(attest.err()).isEqualTo(ExitCode.OK);

    try (var subjects = Files.list(store.resolve("sha256"))) {
      Path subject = subjects.findFirst().orElseThrow();
      try (var files = Files.list(subject)) {
        assertThat(files.map(f -> f.getFileName().toString().replaceAll("-.*", "")))
            .containsExactlyInAnyOrder("signature", "attestation");
      }
    }
  }

  @Test
  void helpShowsAnExample() {
    assertThat(CliRun.of("attest", "--help").out()).contains("Examples:").contains("--dataset");
    assertThat(CliRun.of("verify-attestation", "--help").out())
        .contains("Examples:")
        .contains("--attestation");
  }

  @Test
  void bomCarriesTheAttestedTrainingRunAndRefusesAnotherModelsAttestation() throws Exception {
    assertThat(attest().exitCode()).isEqualTo(ExitCode.OK);
    String attestation = tmp.resolve("tuned.intoto.json").toString();
    String datasetRoot = CliRun.of("digest", dataset.toString()).out().strip();

    CliRun bom = CliRun.of("bom", model.toString(), "--attestation", attestation);

    assertThat(bom.exitCode()).as(bom.err()).isEqualTo(ExitCode.OK);
    assertThat(bom.out())
        .contains("\"formulation\"")
        .contains("\"type\" : \"attestation\"")
        .contains(datasetRoot.substring("sha256:".length()))
        .contains("ab".repeat(32))
        .contains(COMMIT)
        .contains("https://custody.dev/provenance/builder/cli/v1");

    CliRun other = CliRun.of("bom", dataset.toString(), "--attestation", attestation);
    assertThat(other.exitCode()).isEqualTo(ExitCode.OPERATIONAL);
    assertThat(other.err())
        .contains("is about sha256:")
        .contains("not this model (" + datasetRoot + ")");
    assertThat(other.out()).isEmpty();
  }

  @Test
  void checkVerifiesTheAttestationBesideTheModelAgainstThePolicysTrust() throws Exception {
    assertThat(attest().exitCode()).isEqualTo(ExitCode.OK);
    Path policy =
        Files.writeString(
            tmp.resolve("policy.yaml"),
            """
            apiVersion: custody.dev/v1
            kind: Policy
            name: provenance
            trust:
              keys:
                - name: release
                  publicKey: release.pub.pem
            rules:
              - name: trained-by-us
                require: |
                  attestations.exists(a, a.verified
                      && a.builder == 'https://custody.dev/provenance/builder/cli/v1'
                      && a.datasets.size() == 1)
                message: no verified provenance from our builder
            """);

    CliRun allowed = CliRun.of("check", model.toString(), "--policy", policy.toString());
    assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isEqualTo(ExitCode.OK);

    CliRun other =
        CliRun.of(
            "check",
            dataset.toString(),
            "--policy",
            policy.toString(),
            "--attestation",
            tmp.resolve("tuned.intoto.json").toString(),
            "--format",
            "json");
    assertThat(other.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(other.out()).contains("subject-mismatch").contains("no verified provenance");

    CliRun missing =
        CliRun.of(
            "check", model.toString(), "--policy", policy.toString(), "--attestation", "nope.json");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).contains("--attestation 'nope.json': no such file");
  }
}
