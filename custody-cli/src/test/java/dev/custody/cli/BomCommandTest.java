package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.testkit.ModelTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code custody bom} on a real Hugging Face style folder (a torch model saved as safetensors and
 * exported to ONNX by {@code bom/make-hf-classifier.py}), run in-process.
 */
class BomCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = "src/test/resources/dev/custody/cli/bom/hf-classifier";
  private static final String ROOT =
      "sha256:90c7e9d3f762192ead7bd612891ae009f3bf7153028dc388ccb2f34b47ae54c3";

  @TempDir Path dir;

  @Test
  void writesAValidCycloneDxBomOfTheModelFolder() throws Exception {
    CliRun run = CliRun.of("bom", MODEL);

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    byte[] bom = run.out().getBytes(StandardCharsets.UTF_8);
    assertThat(new JsonParser().validate(bom, Version.VERSION_16)).isEmpty();
    JsonNode model = JSON.readTree(bom).get("metadata").get("component");
    assertThat("sha256:" + model.get("hashes").get(0).get("content").asText()).isEqualTo(ROOT);
    assertThat(model.get("components").findValuesAsText("name"))
        .containsExactly(
            "README.md", "config.json", "model.onnx", "model.safetensors", "requirements.txt");
    assertThat(model.get("modelCard").get("modelParameters").get("task").asText())
        .isEqualTo("text-classification");
    assertThat(JSON.readTree(bom).findValuesAsText("purl"))
        .containsExactly("pkg:pypi/numpy", "pkg:pypi/onnx@1.12.0", "pkg:pypi/torch@1.13.0a0");
  }

  @Test
  void theRootDigestIsTheOneCustodyDigestPrints() {
    CliRun digest = CliRun.of("digest", MODEL);

    assertThat(digest.out().strip()).isEqualTo(ROOT);
  }

  @Test
  void writesTheSameBytesTwiceAndToAFile() throws Exception {
    Path out = dir.resolve("bom.json");
    CliRun first = CliRun.of("bom", MODEL, "--format", "spdx3");
    CliRun second = CliRun.of("bom", MODEL, "--format", "spdx3", "--output", out.toString());

    assertThat(second.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(second.out()).isEmpty();
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(first.out());
    assertThat(first.out()).contains("\"ai_AIPackage\"").contains("\"dataset_DatasetPackage\"");
  }

  @Test
  void recordsAnExplicitTimestampOnly() throws Exception {
    CliRun run = CliRun.of("bom", MODEL, "--timestamp", "2026-01-31T12:00:00Z");

    assertThat(JSON.readTree(run.out()).get("metadata").get("timestamp").asText())
        .isEqualTo("2026-01-31T12:00:00Z");
    assertThat(JSON.readTree(CliRun.of("bom", MODEL).out()).get("metadata").has("timestamp"))
        .isFalse();
  }

  @Test
  void listsTheSignatureWithItsDigestAndLeavesItOutOfTheHash() throws Exception {
    Path model =
        ModelTree.at(dir.resolve("m"))
            .file("weights.bin", "weights\n")
            .file("model.sig", "{}\n")
            .root();
    CliRun run = CliRun.of("bom", model.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    JsonNode component = JSON.readTree(run.out()).get("metadata").get("component");
    assertThat(component.get("components").findValuesAsText("name")).containsExactly("weights.bin");
    JsonNode references = component.get("externalReferences");
    assertThat(references.findValuesAsText("type")).containsExactly("digital-signature");
    assertThat(references.findValuesAsText("url")).containsExactly("model.sig");
    // sha256 of "{}\n"
    assertThat(references.get(0).get("hashes").get(0).get("content").asText())
        .isEqualTo("ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356");
  }

  @Test
  void refusesAnAttestationItCannotReadAndWritesNothing() throws Exception {
    Path model = ModelTree.at(dir.resolve("m")).file("weights.bin", "weights\n").root();
    Path attestation = Files.writeString(dir.resolve("train.att.json"), "{\"a\":1}\n");

    CliRun run = CliRun.of("bom", model.toString(), "--attestation", attestation.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.OPERATIONAL);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("custody bom: error: attestation '")
        .contains("train.att.json' cannot be read: ")
        .contains("expected a provenance attestation written by custody attest");
  }

  @Test
  void readsAUvLockInTheModelFolderAndNamesTheEntryItLeavesOut() throws Exception {
    Path model =
        ModelTree.at(dir.resolve("m"))
            .file("w.bin", "w")
            .file(
                "uv.lock",
                """
                version = 1
                [[package]]
                name = "demo"
                version = "0.1.0"
                source = { editable = "." }
                [[package]]
                name = "Safetensors"
                version = "0.4.2"
                source = { registry = "https://pypi.org/simple" }
                """)
            .root();

    CliRun run = CliRun.of("bom", model.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(JSON.readTree(run.out()).findValuesAsText("purl"))
        .containsExactly("pkg:pypi/safetensors@0.4.2");
    assertThat(run.err()).contains("uv.lock' package entry 1 left out of the BOM: 'demo'");
  }

  @Test
  void warnsAboutRequirementLinesItLeavesOut() {
    Path model = ModelTree.at(dir.resolve("m")).file("w.bin", "w").root();
    Path requirements = dir.resolve("req.txt");
    ModelTree.at(dir).file("req.txt", "-r base.txt\ntorch==2.1.0\n");

    CliRun run = CliRun.of("bom", model.toString(), "--requirements", requirements.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err())
        .isEqualTo(
            "custody bom: warning: '"
                + requirements
                + "' line 1 left out of the BOM: includes another file; give it with its own"
                + " --requirements\n");
  }

  @Test
  void aHostileModelCardExitsThreeWithTheReason() {
    Path model =
        ModelTree.at(dir.resolve("m"))
            .file("README.md", "---\na: &a [x, *a]\n---\n")
            .file("w.bin", "w")
            .root();

    CliRun run = CliRun.of("bom", model.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.OPERATIONAL);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("README.md' was refused: the model card's front matter nests deeper than 32");
  }

  @Test
  void aMalformedRequirementsFileExitsThreeWithLineNumbers() {
    Path model = ModelTree.at(dir.resolve("m")).file("w.bin", "w").root();
    ModelTree.at(dir).file("req.txt", "torch==2.1.0\n<script>\n");

    CliRun run =
        CliRun.of("bom", model.toString(), "--requirements", dir.resolve("req.txt").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.OPERATIONAL);
    assertThat(run.err()).contains("line 2 does not start with a package name ('<script>')");
  }

  @Test
  void usageErrorsExitTwo() {
    for (List<String> args :
        List.of(
            List.of("bom", "no-such-model"),
            List.of("bom", MODEL, "--requirements", "no-such-file.txt"),
            List.of("bom", MODEL, "--shard-size", "1MB"),
            List.of("bom", MODEL, "--timestamp", "yesterday"),
            List.of("bom", MODEL, "--format", "xml"))) {
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void helpShowsAnExample() {
    CliRun run = CliRun.of("bom", "--help");

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("custody bom my-model --output my-model.cdx.json");
  }
}
