package dev.custody.bom;

import dev.custody.format.huggingface.ModelCard;
import dev.custody.format.huggingface.ModelConfig;
import dev.custody.format.json.JsonWriter;
import dev.custody.format.requirements.PythonPackage;
import dev.custody.model.Digest;
import dev.custody.model.Resource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * SPDX 3.0.1 JSON-LD with the AI and Dataset profiles: the model is an {@code ai_AIPackage}, its
 * files {@code software_File}s it {@code contains}, its datasets {@code dataset_DatasetPackage}s it
 * was {@code trainedOn}, its Python packages {@code software_Package}s it {@code dependsOn}; see
 * docs/bom.md for every field's source.
 *
 * <p>SPDX requires a creation time; without an explicit timestamp the document says {@link
 * #NO_TIMESTAMP} (the Unix epoch), so the same inputs still give the same bytes.
 */
final class SpdxWriter {
  static final String CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";
  static final Instant NO_TIMESTAMP = Instant.EPOCH;
  private static final String CREATION = "_:creation";
  private static final String PLACEHOLDER = "urn:custody:spdx:pending/";

  private final BomInputs inputs;
  private final BomContents contents;
  private final String ns;
  private final List<Object> graph = new ArrayList<>();
  private final List<String> elements = new ArrayList<>();
  private int relationships;

  private SpdxWriter(BomInputs inputs, BomContents contents, String ns) {
    this.inputs = inputs;
    this.contents = contents;
    this.ns = ns;
  }

  static byte[] write(BomInputs inputs) {
    BomContents contents = BomContents.of(inputs);
    byte[] draft = new SpdxWriter(inputs, contents, PLACEHOLDER).document();
    String ns = "urn:custody:spdx:" + ContentId.of(draft) + "/";
    return new SpdxWriter(inputs, contents, ns).document();
  }

  private byte[] document() {
    Instant created = inputs.timestamp() != null ? inputs.timestamp() : NO_TIMESTAMP;
    graph.add(
        JsonTree.object("CreationInfo")
            .put("@id", CREATION)
            .put("specVersion", "3.0.1")
            .put("created", created.truncatedTo(ChronoUnit.SECONDS).toString())
            .putAll("createdBy", List.of(ns + "agent"))
            .putAll("createdUsing", List.of(ns + "tool")));
    graph.add(element("SoftwareAgent", "agent").put("name", "custody"));
    graph.add(element("Tool", "tool").put("name", "custody " + inputs.toolVersion()));
    String model = model();
    files(model);
    datasets(model);
    baseModels(model);
    packages(model);
    evidence(model);
    licenses(model);
    JsonTree document =
        element("SpdxDocument", "document")
            .putAll(
                "profileConformance",
                List.of("core", "software", "ai", "dataset", "simpleLicensing"))
            .putAll("rootElement", List.of(model))
            .putAll("element", elements);
    graph.add(2, document);
    JsonTree root = new JsonTree().put("@context", CONTEXT).put("@graph", JsonTree.array(graph));
    return JsonWriter.write(root.build());
  }

  private JsonTree element(String type, String local) {
    return JsonTree.object(type).put("spdxId", ns + local).put("creationInfo", CREATION);
  }

  /** Adds an element of the document and returns its id. */
  private String add(JsonTree element, String local) {
    graph.add(element);
    elements.add(ns + local);
    return ns + local;
  }

  private String model() {
    ModelCard card = inputs.card();
    String name = card.modelName() != null ? card.modelName() : inputs.manifest().modelName();
    JsonTree model =
        element("ai_AIPackage", "model")
            .put("name", name)
            .put(
                "comment",
                "The hash is the OpenSSF Model Signing v1.0 root digest (files serialization, "
                    + inputs.manifest().serialization().hash()
                    + " per file)")
            .putAll("verifiedUsing", List.of(hash(inputs.manifest().rootDigest())))
            .put("software_primaryPurpose", "model");
    aiFields(model, card, inputs.config());
    return add(model, "model");
  }

  private void aiFields(JsonTree model, ModelCard card, @Nullable ModelConfig config) {
    if (card.pipelineTag() != null) {
      model.put("ai_informationAboutApplication", "task: " + card.pipelineTag());
    }
    List<Object> types = new ArrayList<>();
    if (config != null) {
      types.addAll(config.architectures());
      if (config.modelType() != null) {
        types.add(config.modelType());
      }
    }
    model.putAll("ai_typeOfModel", types);
    List<Object> metrics = new ArrayList<>();
    for (ModelCard.EvalResult result : card.results()) {
      metrics.add(entry(result.metricType(), result.value()));
    }
    model.putAll("ai_metric", metrics);
    List<Object> hyperparameters = new ArrayList<>();
    List<String> training = new ArrayList<>();
    for (ProvenanceFacts facts : inputs.provenance()) {
      for (Map.Entry<String, String> parameter : facts.parameters().entrySet()) {
        hyperparameters.add(entry(parameter.getKey(), parameter.getValue()));
      }
      if (facts.builderId() != null) {
        training.add("builder: " + facts.builderId());
      }
      ProvenanceFacts.CodeRevision code = facts.code();
      if (code != null) {
        training.add("code: " + code.uri() + "@" + code.revision());
      }
    }
    model.putAll("ai_hyperparameter", hyperparameters);
    if (!training.isEmpty()) {
      model.put("ai_informationAboutTraining", String.join("; ", training));
    }
  }

  private void files(String model) {
    List<String> ids = new ArrayList<>();
    List<Resource> resources = inputs.manifest().resources();
    for (int i = 0; i < resources.size(); i++) {
      Resource resource = resources.get(i);
      String local = "file/" + (i + 1);
      ids.add(
          add(
              element("software_File", local)
                  .put("name", resource.name())
                  .putAll("verifiedUsing", List.of(hash(resource.digest()))),
              local));
    }
    relate(model, "contains", ids);
  }

  private void datasets(String model) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < contents.datasets.size(); i++) {
      BomContents.Input dataset = contents.datasets.get(i);
      String local = "dataset/" + (i + 1);
      JsonTree element =
          element("dataset_DatasetPackage", local)
              .put("name", dataset.name())
              .put("comment", "from the " + dataset.source().text)
              .putAll("verifiedUsing", hashes(dataset.digest()))
              .put("software_primaryPurpose", "data")
              .putAll("dataset_datasetType", List.of("noAssertion"));
      ids.add(add(element, local));
    }
    relate(model, "trainedOn", ids);
  }

  private void baseModels(String model) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < contents.baseModels.size(); i++) {
      BomContents.Input base = contents.baseModels.get(i);
      String local = "base-model/" + (i + 1);
      JsonTree element =
          element("ai_AIPackage", local)
              .put("name", base.name())
              .put("comment", "from the " + base.source().text)
              .putAll("verifiedUsing", hashes(base.digest()))
              .put("software_primaryPurpose", "model");
      ids.add(add(element, local));
    }
    relate(model, "descendantOf", ids);
  }

  private void packages(String model) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < contents.packages.size(); i++) {
      PythonPackage pkg = contents.packages.get(i);
      String local = "package/" + (i + 1);
      JsonTree element = element("software_Package", local).put("name", pkg.name());
      if (pkg.version() != null) {
        element.put("software_packageVersion", pkg.version());
      }
      element.put("software_packageUrl", pkg.purl());
      if (!pkg.specifier().isEmpty()) {
        element.put("comment", "version specifier: " + pkg.specifier());
      }
      ids.add(add(element.put("software_primaryPurpose", "library"), local));
    }
    relate(model, "dependsOn", ids);
  }

  private void evidence(String model) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < inputs.evidence().size(); i++) {
      EvidenceFile file = inputs.evidence().get(i);
      String local = "evidence/" + (i + 1);
      JsonTree element =
          element("software_File", local)
              .put("name", file.name())
              .put(
                  "comment",
                  switch (file.kind()) {
                    case SIGNATURE -> "OpenSSF Model Signing signature of the model";
                    case ATTESTATION -> "provenance attestation of the model";
                  })
              .putAll("verifiedUsing", List.of(hash(file.digest())))
              .put("software_primaryPurpose", "evidence");
      ids.add(add(element, local));
    }
    relate(model, "hasEvidence", ids);
  }

  private void licenses(String model) {
    List<String> ids = new ArrayList<>();
    List<String> names = inputs.card().licenses();
    for (int i = 0; i < names.size(); i++) {
      String local = "license/" + (i + 1);
      JsonTree element =
          element("simplelicensing_LicenseExpression", local)
              .put("simplelicensing_licenseExpression", Licences.spdxExpression(names.get(i)));
      ids.add(add(element, local));
    }
    relate(model, "hasDeclaredLicense", ids);
  }

  private void relate(String from, String type, List<String> to) {
    if (to.isEmpty()) {
      return;
    }
    String local = "relationship/" + ++relationships;
    add(
        element("Relationship", local)
            .put("from", from)
            .put("relationshipType", type)
            .putAll("to", to),
        local);
  }

  private static List<Object> hashes(@Nullable Digest digest) {
    return digest == null ? List.of() : List.of(hash(digest));
  }

  private static JsonTree hash(Digest digest) {
    return JsonTree.object("Hash")
        .put(
            "algorithm",
            switch (digest.algorithm()) {
              case SHA256 -> "sha256";
              case BLAKE2B -> "blake2b512";
              case BLAKE3 -> "blake3";
            })
        .put("hashValue", digest.hex());
  }

  private static JsonTree entry(String key, String value) {
    return JsonTree.object("DictionaryEntry").put("key", key).put("value", value);
  }
}
