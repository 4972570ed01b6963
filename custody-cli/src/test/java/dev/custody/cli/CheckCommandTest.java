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

  @Test
  void helpShowsExamples() {
    assertThat(CliRun.of("check", "--help").out()).contains("Examples:").contains("--policy");
    assertThat(CliRun.of("policy", "--help").out()).contains("lint").contains("test");
  }
}
