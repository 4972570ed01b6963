package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.custody.testkit.Golden;
import dev.custody.testkit.PickleBuilder;
import dev.custody.testkit.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXAMPLES = "../examples";
  private static final String MALICIOUS = "../examples/malicious-model/pytorch_model.bin";
  private static final String BENIGN = "../examples/benign-model";

  @TempDir Path dir;

  /** A pickle with only a medium finding: it imports a global that is not on the allowlist. */
  private static byte[] unknownImport() {
    return PickleBuilder.create().proto(2).global("mypackage.layers", "Custom").stop().bytes();
  }

  // ---------------------------------------------------------------- exit codes

  @Test
  void aCleanModelExitsZero() {
    CliRun run = CliRun.of("scan", BENIGN);

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("CLEAN")
        .contains("benign-model/pytorch_model.bin")
        .contains("NOT-A-MODEL")
        .contains("config.json'  (json)")
        .contains("Result: no finding at or above high (exit 0).");
  }

  @Test
  void theExamplesExitOneAndNameTheMaliciousFilesFinding() {
    CliRun run = CliRun.of("scan", EXAMPLES);

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out())
        .containsPattern("FINDINGS +critical '\\.\\./examples/malicious-model/pytorch_model\\.bin'")
        .contains("PICKLE-001")
        .contains("os.system")
        .containsPattern("CLEAN +'\\.\\./examples/benign-model/pytorch_model\\.bin'")
        // tiny-model's model.safetensors is 200 arbitrary bytes: not scanned, never clean.
        .containsPattern("INCOMPLETE +'\\.\\./examples/tiny-model/model\\.safetensors'");
  }

  @Test
  void findingsWinOverFilesThatCouldNotBeScanned() throws IOException {
    Files.write(dir.resolve("evil.pkl"), Files.readAllBytes(Path.of(MALICIOUS)));
    Files.write(dir.resolve("weights.bin"), new byte[] {3, 10, 17, 0, -1});

    assertThat(CliRun.of("scan", dir.toString()).exitCode()).isEqualTo(ExitCode.FINDINGS);
  }

  @Test
  void anUnknownBinaryExitsThree() throws IOException {
    Path file = Files.write(dir.resolve("weights.bin"), new byte[] {3, 10, 17, 0, -1});
    CliRun run = CliRun.of("scan", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.OPERATIONAL);
    assertThat(run.out())
        .contains("INCOMPLETE")
        .contains("unknown-binary: binary content of no format custody recognises")
        .contains("Result: incomplete (exit 3)");
  }

  @Test
  void aSymlinkInAFolderIsReportedNotFollowed() throws IOException {
    Path evil = Files.write(dir.resolve("evil.pkl"), unknownImport());
    Path folder = Files.createDirectories(dir.resolve("model"));
    Files.write(
        folder.resolve("benign.pkl"), Files.readAllBytes(Path.of(BENIGN, "pytorch_model.bin")));
    Files.createSymbolicLink(folder.resolve("link.pkl"), evil);
    CliRun run = CliRun.of("scan", folder.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.OPERATIONAL);
    assertThat(run.out())
        .containsPattern(
            "INCOMPLETE +'.*link\\.pkl'  \\(symlink: a symlink to '.*evil\\.pkl', not followed")
        .doesNotContain("PICKLE-004");
  }

  @Test
  void walksFoldersRecursively() throws IOException {
    Path deep = Files.createDirectories(dir.resolve("a/b/c"));
    Files.write(deep.resolve("model.bin"), Files.readAllBytes(Path.of(MALICIOUS)));
    Files.writeString(dir.resolve("a/README.md"), "# model\n", StandardCharsets.UTF_8);
    CliRun run = CliRun.of("scan", dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out()).contains("a/b/c/model.bin").contains("Scanned 2 files");
  }

  @Test
  void aMissingPathIsAUsageError() {
    CliRun run = CliRun.of("scan", "../examples/does-not-exist");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "custody scan: error: path '../examples/does-not-exist' does not exist; expected a"
                + " model file or folder\n"
                + "Try 'custody scan --help' for the options and an example.\n");
  }

  @Test
  void noPathIsAUsageError() {
    assertThat(CliRun.of("scan").exitCode()).isEqualTo(ExitCode.USAGE);
  }

  // ---------------------------------------------------------------- --fail-on

  @Test
  void failOnSetsTheThreshold() throws IOException {
    Path file = Files.write(dir.resolve("custom.pkl"), unknownImport());
    CliRun atHigh = CliRun.of("scan", file.toString());
    CliRun atLow = CliRun.of("scan", "--fail-on", "LOW", file.toString());
    CliRun atCritical = CliRun.of("scan", "--fail-on", "critical", MALICIOUS);

    assertThat(atHigh.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(atHigh.out()).contains("FINDINGS").contains("PICKLE-004");
    assertThat(atLow.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(atLow.out()).contains("Result: findings at or above low (exit 1)");
    assertThat(atCritical.exitCode()).isEqualTo(ExitCode.FINDINGS);
  }

  @Test
  void anUnknownSeverityIsAUsageError() {
    CliRun run = CliRun.of("scan", "--fail-on", "severe", MALICIOUS);

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains("not a severity: 'severe' (expected one of critical, high, medium, low, info)");
  }

  // ---------------------------------------------------------------- formats

  @Test
  void jsonReportFollowsTheDocumentedSchema() throws IOException {
    CliRun run = CliRun.of("scan", "--format", "json", EXAMPLES);

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    JsonNode root = JSON.readTree(run.out());
    assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(root.get("failOn").asText()).isEqualTo("high");
    assertThat(root.get("result").asText()).isEqualTo("findings");
    assertThat(root.get("exitCode").asInt()).isEqualTo(1);
    assertThat(root.get("summary").get("findings").asInt()).isEqualTo(1);
    assertThat(root.get("summary").get("notAModel").asInt()).isPositive();
    JsonNode evil = file(root, MALICIOUS);
    assertThat(evil.get("format").asText()).isEqualTo("pickle");
    assertThat(evil.get("verdict").asText()).isEqualTo("findings");
    assertThat(evil.get("completed").asBoolean()).isTrue();
    JsonNode finding = evil.get("findings").get(0);
    assertThat(finding.get("ruleId").asText()).isEqualTo("PICKLE-001");
    assertThat(finding.get("severity").asText()).isEqualTo("critical");
    assertThat(finding.get("subject").asText()).isEqualTo("os.system");
    assertThat(finding.get("location").get("offset").asLong()).isEqualTo(28);
    assertThat(finding.get("location").get("containers")).isEmpty();
    assertThat(finding.get("remedy").asText()).isNotBlank();
    assertThat(file(root, "../examples/tiny-model/model.safetensors").get("verdict").asText())
        .isEqualTo("incomplete");
  }

  private static JsonNode file(JsonNode root, String path) {
    for (JsonNode file : root.get("files")) {
      if (file.get("path").asText().equals(path)) {
        return file;
      }
    }
    throw new AssertionError("no report for " + path + " in " + root);
  }

  @Test
  void sarifReportValidatesAgainstTheSchemaAndCarriesRuleHelp() throws IOException {
    Path file = Files.write(dir.resolve("weights.bin"), new byte[] {3, 10, 17, 0, -1});
    CliRun run = CliRun.of("scan", "--format", "sarif", EXAMPLES, file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    JsonNode sarif = JSON.readTree(run.out());
    assertThat(validate(sarif)).isEmpty();
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    JsonNode runNode = sarif.get("runs").get(0);
    JsonNode rules = runNode.get("tool").get("driver").get("rules");
    assertThat(rules.size()).isGreaterThanOrEqualTo(18);
    JsonNode result = runNode.get("results").get(0);
    assertThat(result.get("ruleId").asText()).isEqualTo("PICKLE-001");
    assertThat(result.get("level").asText()).isEqualTo("error");
    JsonNode rule = rules.get(result.get("ruleIndex").asInt());
    assertThat(rule.get("id").asText()).isEqualTo("PICKLE-001");
    assertThat(rule.get("help").get("text").asText()).contains("What to do:");
    assertThat(rule.get("properties").get("security-severity").asText()).isEqualTo("9.5");
    JsonNode physical = result.get("locations").get(0).get("physicalLocation");
    assertThat(physical.get("artifactLocation").get("uri").asText())
        .isEqualTo("../examples/malicious-model/pytorch_model.bin");
    assertThat(physical.get("region").get("byteOffset").asLong()).isEqualTo(28);
    JsonNode notifications = runNode.get("invocations").get(0).get("toolExecutionNotifications");
    assertThat(notifications.toString())
        .contains("model.safetensors was not scanned completely")
        .contains(file.toUri().toString());
  }

  @Test
  void sarifPutsFindingsInsideArchivesAtALogicalLocation() throws IOException {
    // A stacked PICKLE that hands a nested pickle to pickle.loads: the finding is inside it.
    byte[] inner = Files.readAllBytes(Path.of(MALICIOUS));
    byte[] outer =
        PickleBuilder.create()
            .proto(2)
            .global("pickle", "loads")
            .binBytes(inner)
            .tuple1()
            .reduce()
            .stop()
            .bytes();
    Path file = Files.write(dir.resolve("nested.pkl"), outer);
    CliRun run = CliRun.of("scan", "--format", "sarif", file.toString());

    JsonNode sarif = JSON.readTree(run.out());
    assertThat(validate(sarif)).isEmpty();
    boolean logical = false;
    for (JsonNode result : sarif.get("runs").get(0).get("results")) {
      JsonNode location = result.get("locations").get(0);
      if (location.has("logicalLocations")) {
        logical = true;
        assertThat(location.get("logicalLocations").get(0).get("fullyQualifiedName").asText())
            .isNotBlank();
        assertThat(location.get("properties").get("byteOffset").asLong()).isNotNegative();
        assertThat(location.get("physicalLocation").has("region")).isFalse();
      }
    }
    assertThat(logical).as("a result inside the nested pickle").isTrue();
  }

  private static List<Error> validate(JsonNode sarif) throws IOException {
    try (InputStream schema =
        ScanCommandTest.class.getResourceAsStream("sarif/sarif-schema-2.1.0.json")) {
      assertThat(schema).isNotNull();
      Schema validator =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
      return validator.validate(sarif);
    }
  }

  @Test
  void theSchemaValidatorRejectsABrokenReport() throws IOException {
    JsonNode broken =
        JSON.readTree(
            "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {}}, \"results\":"
                + " [{\"level\": \"fatal\", \"message\": {}}]}]}");
    assertThat(validate(broken)).isNotEmpty();
  }

  @Test
  void theSchemaCopyMatchesTheSharedOne() throws IOException {
    Path shared = SharedData.require("schemas/sarif-schema-2.1.0.json");
    Path copy = Path.of("src/test/resources/dev/custody/cli/sarif/sarif-schema-2.1.0.json");
    assertThat(Files.mismatch(copy, shared)).isEqualTo(-1L);
  }

  // ---------------------------------------------------------------- --output

  @Test
  void outputWritesTheReportToAFile() throws IOException {
    Path report = dir.resolve("report.json");
    CliRun run = CliRun.of("scan", "--format", "json", "--output", report.toString(), MALICIOUS);

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("wrote the json report to").contains("exit 1");
    assertThat(JSON.readTree(report.toFile()).get("result").asText()).isEqualTo("findings");
  }

  @Test
  void anUnwritableOutputExitsThree() {
    CliRun run =
        CliRun.of("scan", "--output", dir.resolve("no/such/folder/r.txt").toString(), BENIGN);

    assertThat(run.exitCode()).isEqualTo(ExitCode.OPERATIONAL);
    assertThat(run.err()).contains("could not write the report to");
  }

  // ---------------------------------------------------------------- help

  @Test
  void scanHelpMatchesGoldenFile() {
    CliRun run = CliRun.of("scan", "--help");

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("custody scan examples/");
    Golden.assertMatches("dev/custody/cli/golden/scan-help.txt", run.out());
  }
}
