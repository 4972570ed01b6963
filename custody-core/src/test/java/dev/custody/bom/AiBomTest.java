package dev.custody.bom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.custody.digest.DigestOptions;
import dev.custody.digest.ModelDigester;
import dev.custody.format.huggingface.ModelCard;
import dev.custody.format.huggingface.ModelCardLimits;
import dev.custody.format.huggingface.ModelCardReader;
import dev.custody.format.huggingface.ModelConfig;
import dev.custody.format.huggingface.ModelConfigReader;
import dev.custody.format.requirements.PythonPackage;
import dev.custody.format.requirements.RequirementsLimits;
import dev.custody.format.requirements.RequirementsReader;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import dev.custody.model.Manifest;
import dev.custody.testkit.Golden;
import dev.custody.testkit.ModelTree;
import dev.custody.testkit.SafetensorsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both BOM formats from one set of inputs: valid against their official schemas, deterministic, and
 * saying only what the inputs say.
 */
class AiBomTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant TIME = Instant.parse("2026-01-31T12:00:00Z");

  static final String CARD =
      """
      ---
      license: apache-2.0
      language: [en, de]
      datasets:
        - imdb
      base_model: distilbert-base-uncased
      pipeline_tag: text-classification
      metrics: [accuracy]
      model-index:
        - name: tiny-sentiment
          results:
            - task: {type: text-classification}
              dataset: {name: imdb, type: imdb, split: test}
              metrics:
                - {type: accuracy, value: 0.93}
      ---
      # tiny-sentiment
      """;

  private static Schema spdxSchema;

  @TempDir Path dir;

  @BeforeAll
  static void loadSpdxSchema() throws IOException {
    try (InputStream in = AiBomTest.class.getResourceAsStream("spdx-json-schema-3.0.1.json")) {
      assertThat(in).isNotNull();
      spdxSchema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
  }

  private Manifest manifest(HashAlgorithm hash) throws Exception {
    Path model =
        ModelTree.at(dir.resolve("tiny-sentiment"))
            .file("README.md", CARD)
            .file("config.json", "{\"architectures\": [\"DistilBertForSequenceClassification\"]}")
            .file(
                "model.safetensors",
                SafetensorsBuilder.file(
                    "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8))
            .root();
    return new ModelDigester(DigestOptions.defaults().withHash(hash)).digest(model);
  }

  static ModelCard card() throws Exception {
    return ModelCardReader.read(CARD.getBytes(StandardCharsets.UTF_8), ModelCardLimits.DEFAULT);
  }

  static ModelConfig config() throws Exception {
    return ModelConfigReader.read(
        ("{\"architectures\": [\"DistilBertForSequenceClassification\"], \"model_type\":"
                + " \"distilbert\", \"hidden_size\": 768, \"torch_dtype\": \"float32\","
                + " \"transformers_version\": \"4.40.0\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  static List<PythonPackage> packages() throws Exception {
    return RequirementsReader.read(
            "torch==2.1.0\ntransformers>=4.40\nsafetensors==0.4.2+local\n"
                .getBytes(StandardCharsets.UTF_8),
            RequirementsLimits.DEFAULT)
        .packages();
  }

  static ProvenanceFacts provenance() {
    TreeMap<String, String> parameters = new TreeMap<>();
    parameters.put("epochs", "3");
    parameters.put("learning_rate", "5e-5");
    return new ProvenanceFacts(
        "https://ci.example/trainer",
        new ProvenanceFacts.CodeRevision("git+https://example.com/train.git", "0123abc"),
        List.of(new ProvenanceFacts.Material("imdb", digest('a'))),
        List.of(new ProvenanceFacts.Material("distilbert-base-uncased", digest('b'))),
        parameters);
  }

  static Digest digest(char c) {
    return new Digest(HashAlgorithm.SHA256, String.valueOf(c).repeat(64));
  }

  private BomInputs inputs(HashAlgorithm hash) throws Exception {
    return new BomInputs(
        manifest(hash),
        card(),
        config(),
        packages(),
        List.of(provenance()),
        List.of(
            new EvidenceFile(EvidenceFile.Kind.SIGNATURE, "model.sig", digest('c')),
            new EvidenceFile(EvidenceFile.Kind.ATTESTATION, "train.att.json", digest('d'))),
        TIME,
        "test");
  }

  private static List<Error> spdxErrors(byte[] json) {
    return spdxSchema.validate(new String(json, StandardCharsets.UTF_8), InputFormat.JSON);
  }

  // ---------------------------------------------------------------- CycloneDX

  @Test
  void cycloneDxIsValidAndMatchesItsGoldenFile() throws Exception {
    byte[] json = AiBom.write(inputs(HashAlgorithm.SHA256), BomFormat.CYCLONEDX);

    assertThat(new JsonParser().validate(json, Version.VERSION_16)).isEmpty();
    Golden.assertMatches(
        "dev/custody/bom/tiny-sentiment.cdx.golden.json", new String(json, StandardCharsets.UTF_8));
  }

  @Test
  void cycloneDxNamesTheModelByItsRootDigestAndEveryFileByItsOwn() throws Exception {
    BomInputs inputs = inputs(HashAlgorithm.SHA256);
    Bom bom = new JsonParser().parse(AiBom.write(inputs, BomFormat.CYCLONEDX));

    var model = bom.getMetadata().getComponent();
    assertThat(model.getType().getTypeName()).isEqualTo("machine-learning-model");
    assertThat(model.getHashes().get(0).getValue()).isEqualTo(inputs.manifest().rootDigest().hex());
    assertThat(model.getComponents())
        .extracting(c -> c.getName())
        .containsExactly("README.md", "config.json", "model.safetensors");
    assertThat(model.getComponents().get(2).getHashes().get(0).getValue())
        .isEqualTo(inputs.manifest().resources().get(2).digest().hex());
    assertThat(model.getExternalReferences())
        .extracting(r -> r.getType().getTypeName() + " " + r.getUrl())
        .containsExactly("digital-signature model.sig", "attestation train.att.json");
  }

  @Test
  void cycloneDxListsPackagesWithPurlsAndDatasetsWithTheirDigests() throws Exception {
    JsonNode bom = JSON.readTree(AiBom.write(inputs(HashAlgorithm.SHA256), BomFormat.CYCLONEDX));

    List<String> purls = bom.findValuesAsText("purl");
    assertThat(purls)
        .containsExactly(
            "pkg:pypi/safetensors@0.4.2%2Blocal", "pkg:pypi/torch@2.1.0", "pkg:pypi/transformers");
    JsonNode dataset = bom.get("components").get(0);
    assertThat(dataset.get("type").asText()).isEqualTo("data");
    assertThat(dataset.get("name").asText()).isEqualTo("imdb");
    assertThat(dataset.get("hashes").get(0).get("content").asText()).isEqualTo("a".repeat(64));
    assertThat(bom.get("formulation").get(0).get("workflows").get(0).get("inputs").toString())
        .contains(dataset.get("bom-ref").asText());
  }

  @Test
  void cycloneDxHasNoModelCardFieldNobodyWrote() throws Exception {
    BomInputs bare =
        new BomInputs(
            manifest(HashAlgorithm.SHA256),
            ModelCard.EMPTY,
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            "test");

    JsonNode bom = JSON.readTree(AiBom.write(bare, BomFormat.CYCLONEDX));

    assertThat(bom.get("metadata").get("component").has("modelCard")).isFalse();
    assertThat(bom.get("metadata").has("timestamp")).isFalse();
    assertThat(bom.has("components")).isFalse();
    assertThat(bom.has("formulation")).isFalse();
  }

  @Test
  void cycloneDxRecordsBlake2bFileHashes() throws Exception {
    byte[] json = AiBom.write(inputs(HashAlgorithm.BLAKE2B), BomFormat.CYCLONEDX);

    assertThat(new JsonParser().validate(json, Version.VERSION_16)).isEmpty();
    assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"BLAKE2b-512\"");
  }

  // ---------------------------------------------------------------- SPDX 3

  @Test
  void spdxIsValidAgainstTheOfficialSchemaAndMatchesItsGoldenFile() throws Exception {
    byte[] json = AiBom.write(inputs(HashAlgorithm.SHA256), BomFormat.SPDX3);

    assertThat(spdxErrors(json)).isEmpty();
    Golden.assertMatches(
        "dev/custody/bom/tiny-sentiment.spdx.golden.json",
        new String(json, StandardCharsets.UTF_8));
  }

  @Test
  void spdxRelatesTheModelToItsFilesDatasetsAndPackages() throws Exception {
    JsonNode graph =
        JSON.readTree(AiBom.write(inputs(HashAlgorithm.SHA256), BomFormat.SPDX3)).get("@graph");

    assertThat(graph.findValuesAsText("relationshipType"))
        .containsExactly(
            "contains",
            "trainedOn",
            "descendantOf",
            "dependsOn",
            "hasEvidence",
            "hasDeclaredLicense");
    assertThat(graph.findValuesAsText("type"))
        .contains("ai_AIPackage", "dataset_DatasetPackage", "software_Package", "software_File");
    assertThat(graph.findValuesAsText("simplelicensing_licenseExpression"))
        .containsExactly("Apache-2.0");
    assertThat(graph.findValuesAsText("created")).containsExactly("2026-01-31T12:00:00Z");
  }

  @Test
  void spdxWithoutTimestampSaysTheEpochAndStaysValid() throws Exception {
    BomInputs bare =
        new BomInputs(
            manifest(HashAlgorithm.BLAKE3),
            ModelCard.EMPTY,
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            "test");

    byte[] json = AiBom.write(bare, BomFormat.SPDX3);

    assertThat(spdxErrors(json)).isEmpty();
    assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"1970-01-01T00:00:00Z\"");
  }

  @Test
  void theSpdxSchemaCatchesABrokenDocument() throws Exception {
    String broken =
        new String(
                AiBom.write(inputs(HashAlgorithm.SHA256), BomFormat.SPDX3), StandardCharsets.UTF_8)
            .replace("\"trainedOn\"", "\"trainedWith\"");

    assertThat(spdxErrors(broken.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
  }

  @Test
  void unknownLicencesBecomeLicenseRefsInSpdx() {
    assertThat(Licences.spdxExpression("apache-2.0")).isEqualTo("Apache-2.0");
    assertThat(Licences.spdxExpression("openrail++")).isEqualTo("LicenseRef-openrail-");
    assertThat(Licences.spdxExpression("other")).isEqualTo("LicenseRef-other");
  }

  // ---------------------------------------------------------------- both

  @Test
  void theSameInputsGiveTheSameBytesAndOtherInputsAnotherSerial() throws Exception {
    BomInputs inputs = inputs(HashAlgorithm.SHA256);
    for (BomFormat format : BomFormat.values()) {
      assertThat(AiBom.write(inputs, format))
          .isEqualTo(AiBom.write(inputs(HashAlgorithm.SHA256), format));
    }
    BomInputs later =
        new BomInputs(
            inputs.manifest(),
            inputs.card(),
            inputs.config(),
            inputs.packages(),
            inputs.provenance(),
            inputs.evidence(),
            TIME.plusSeconds(1),
            "test");
    JsonNode first = JSON.readTree(AiBom.write(inputs, BomFormat.CYCLONEDX));
    JsonNode second = JSON.readTree(AiBom.write(later, BomFormat.CYCLONEDX));
    assertThat(first.get("serialNumber")).isNotEqualTo(second.get("serialNumber"));
  }

  @Test
  void hostileNamesStayDataInBothFormats() throws Exception {
    ModelCard hostile =
        new ModelCard(
            List.of("\"}], \"bomFormat\": \"evil"),
            List.of("</script><script>alert(1)</script>", "data\u202Eset"),
            List.of("ba\\se"),
            "task\"",
            List.of(),
            List.of(),
            "name\"with\"quotes",
            List.of());
    BomInputs inputs =
        new BomInputs(
            manifest(HashAlgorithm.SHA256),
            hostile,
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            "t");

    byte[] cdx = AiBom.write(inputs, BomFormat.CYCLONEDX);
    byte[] spdx = AiBom.write(inputs, BomFormat.SPDX3);

    assertThat(JSON.readTree(cdx).get("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(JSON.readTree(cdx).get("metadata").get("component").get("name").asText())
        .isEqualTo("name\"with\"quotes");
    assertThat(spdxErrors(spdx)).isEmpty();
  }

  @Test
  void aShardedManifestIsRefused() throws Exception {
    Manifest sharded =
        new ModelDigester(DigestOptions.defaults().withShardSize(4L))
            .digest(ModelTree.at(dir.resolve("m")).file("w.bin", "12345678").root());

    assertThatThrownBy(() ->
            new BomInputs(
                sharded, ModelCard.EMPTY, null, List.of(), List.of(), List.of(), null, "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("file serialization");
  }

  // ---------------------------------------------------------------- real model folders

  /** The folders of files made by Debian's torch, onnx, sklearn and numpy (scan/real-models). */
  @ParameterizedTest
  @ValueSource(strings = {"torch", "onnx/external", "onnx/external-per-tensor", "sklearn", "numpy"})
  void bomsOfRealModelFoldersAreValidInBothFormats(String folder) throws Exception {
    Path model = Path.of("src/test/resources/dev/custody/scan/real-models").resolve(folder);
    Manifest manifest = new ModelDigester(DigestOptions.defaults()).digest(model);
    BomInputs inputs =
        new BomInputs(
            manifest, ModelCard.EMPTY, null, packages(), List.of(), List.of(), null, "test");

    byte[] cycloneDx = AiBom.write(inputs, BomFormat.CYCLONEDX);
    byte[] spdx = AiBom.write(inputs, BomFormat.SPDX3);

    assertThat(new JsonParser().validate(cycloneDx, Version.VERSION_16)).isEmpty();
    assertThat(spdxErrors(spdx)).isEmpty();
    JsonNode component = JSON.readTree(cycloneDx).get("metadata").get("component");
    assertThat(component.get("components")).hasSize(manifest.resources().size());
    assertThat(component.get("hashes").get(0).get("content").asText())
        .isEqualTo(manifest.rootDigest().hex());
  }
}
