package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** custody check and custody policy lint/test on the shipped examples: the README's story. */
class CheckCommandTest {
  private static final String BASELINE = "../examples/policies/baseline.yaml";
  private static final String PRODUCTION = "../examples/policies/production.yaml";

  @TempDir Path dir;

  @Test
  void theMaliciousExampleIsDeniedWithItsReasons() {
    CliRun run = CliRun.of("check", "../examples/malicious-model", "--policy", BASELINE);
    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out())
        .startsWith("DENY  '../examples/malicious-model' under policy 'baseline'")
        .contains("FAIL  no-dangerous-code")
        .contains("PICKLE-001")
        .contains("FAIL  signed-by-trusted-key")
        .contains("Denied by 2 rules: no-dangerous-code, signed-by-trusted-key");
  }

  @Test
  void theSignedExampleIsAllowed() {
    CliRun run = CliRun.of("check", "../examples/signed-model", "--policy", BASELINE);
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .startsWith("ALLOW '../examples/signed-model'")
        .contains("trusted as 'example-release'")
        .contains("Allowed: 4 rules passed or warned");
  }

  @Test
  void evidenceWrittenByCheckIsReadByPolicyTest() throws Exception {
    Path evidence = dir.resolve("e.json");
    CliRun check =
        CliRun.of(
            "check",
            "../examples/signed-model",
            "--policy",
            PRODUCTION,
            "--format",
            "json",
            "--evidence-out",
            evidence.toString());
    assertThat(check.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(check.out()).contains("\"decision\": \"deny\"").contains("\"outcome\": \"failed\"");
    CliRun test = CliRun.of("policy", "test", BASELINE, "--evidence", evidence.toString());
    assertThat(test.exitCode()).as(test.out() + test.err()).isEqualTo(ExitCode.OK);
    CliRun production = CliRun.of("policy", "test", PRODUCTION, "--evidence", evidence.toString());
    assertThat(production.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(production.out()).contains("FAIL  built-by-trusted-builder");
  }

  @Test
  void aPolicyThatDoesNotCompileIsAUsageErrorWithItsPlace() throws Exception {
    Path policy = dir.resolve("p.yaml");
    Files.writeString(
        policy,
        """
        apiVersion: custody.dev/v1
        kind: Policy
        name: p
        rules:
          - name: r
            require: scan.completed &&
            message: m
        """);
    CliRun run = CliRun.of("check", "../examples/signed-model", "--policy", policy.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains(policy + ":6:").contains("rule 'r'");
    assertThat(CliRun.of("policy", "lint", policy.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void lintPassesTheExamplesAndReportsAMisspeltField() throws Exception {
    assertThat(CliRun.of("policy", "lint", PRODUCTION).out())
        .startsWith("OK ../examples/policies/production.yaml: policy 'production', 6 rules");
    Path policy = dir.resolve("typo.yaml");
    Files.writeString(
        policy,
        """
        apiVersion: custody.dev/v1
        kind: Policy
        name: p
        rules:
          - name: r
            require: bom.licenses.size() == 0
            message: m
        """);
    CliRun run = CliRun.of("policy", "lint", policy.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith(policy + ":6:14: rule 'r' cannot be evaluated");
  }

  @Test
  void missingInputsAreUsageErrorsAndBadEvidenceIsOperational() throws Exception {
    assertThat(CliRun.of("check", "../examples/signed-model").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(CliRun.of("check", "no-such-model", "--policy", BASELINE).exitCode())
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            CliRun.of(
                    "check",
                    "../examples/signed-model",
                    "--policy",
                    BASELINE,
                    "--signature",
                    "nope.sig")
                .exitCode())
        .isEqualTo(ExitCode.USAGE);
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"apiVersion\": \"custody.dev/evidence/v1\"}");
    CliRun run = CliRun.of("policy", "test", BASELINE, "--evidence", bad.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.OPERATIONAL);
    assertThat(run.err()).contains("is not custody evidence");
  }

  /** A policy trusting a fresh key; returns the private key's path. */
  private Path policyWithOwnKey() throws Exception {
    assertThat(CliRun.of("keygen", "--out", dir.resolve("own").toString()).exitCode())
        .isEqualTo(ExitCode.OK);
    Files.writeString(
        dir.resolve("own.yaml"),
        """
        apiVersion: custody.dev/v1
        kind: Policy
        name: own
        trust:
          keys:
            - name: own
              publicKey: own.pub.pem
        rules:
          - name: signed
            require: signatures.exists(s, s.verified)
            message: not signed by our key
        """);
    return dir.resolve("own.pem");
  }

  private Path model() throws Exception {
    Path model = Files.createDirectories(dir.resolve("m"));
    Files.writeString(model.resolve("config.json"), "{\"hidden_size\": 2}");
    return model;
  }

  @Test
  void aSignatureFiledInTheStoreIsFoundByTheModelsDigest() throws Exception {
    Path key = policyWithOwnKey();
    Path model = model();
    String store = "--store=" + dir.resolve("store");
    CliRun sign =
        CliRun.of(
            "sign",
            model.toString(),
            "--key",
            key.toString(),
            "--signature",
            dir.resolve("kept-apart.sig").toString(),
            store);
    assertThat(sign.exitCode()).as(sign.err()).isEqualTo(ExitCode.OK);
    String policy = dir.resolve("own.yaml").toString();

    CliRun without = CliRun.of("check", model.toString(), "--policy", policy);
    assertThat(without.exitCode()).isEqualTo(ExitCode.FINDINGS);
    CliRun with = CliRun.of("check", model.toString(), "--policy", policy, store);
    assertThat(with.exitCode()).as(with.out() + with.err()).isEqualTo(ExitCode.OK);
    assertThat(with.out()).contains("store:sha256:").contains("trusted as 'own'");
  }

  @Test
  void aStoreThatIsNotThereIsAUsageError() throws Exception {
    CliRun run =
        CliRun.of(
            "check",
            "../examples/signed-model",
            "--policy",
            BASELINE,
            "--store=" + dir.resolve("none"));
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("is not a folder").contains("custody sign --store");
  }

  @Test
  void aModelCardTheReaderRefusesIsOperationalAndNamed() throws Exception {
    policyWithOwnKey();
    Path model = model();
    Files.writeString(model.resolve("README.md"), "---\nlicense: [unclosed\n---\n");
    CliRun run =
        CliRun.of("check", model.toString(), "--policy", dir.resolve("own.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.OPERATIONAL);
    assertThat(run.err()).contains("README.md").contains("was refused");
  }

  @Test
  void theModelCardsLicenceReachesTheProductionPolicy() throws Exception {
    Path model = model();
    Files.writeString(model.resolve("README.md"), "---\nlicense: cc-by-nc-4.0\n---\n");
    CliRun run = CliRun.of("check", model.toString(), "--policy", PRODUCTION, "--format", "json");
    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out()).contains("\"CC-BY-NC-4.0\"");
  }

  @Test
  void helpShowsExamples() {
    assertThat(CliRun.of("check", "--help").out()).contains("Examples:").contains("--policy");
    assertThat(CliRun.of("policy", "--help").out()).contains("lint").contains("test");
  }
}
