package dev.custody.bom;

import dev.custody.format.requirements.PythonPackage;
import dev.custody.model.Digest;
import dev.custody.model.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Ancestors;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Pedigree;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.data.ComponentData;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.parsers.JsonParser;
import org.jspecify.annotations.Nullable;

/** CycloneDX 1.6 JSON: the model as a {@code machine-learning-model} component, see docs/bom.md. */
final class CycloneDxWriter {
  static final String MODEL_REF = "model";

  private CycloneDxWriter() {}

  static byte[] write(BomInputs inputs) throws BomException {
    Bom bom = bom(inputs, BomContents.of(inputs));
    byte[] unnumbered = json(bom);
    bom.setSerialNumber("urn:uuid:" + ContentId.of(unnumbered));
    byte[] json = json(bom);
    validate(json);
    return json;
  }

  private static Bom bom(BomInputs inputs, BomContents contents) {
    Bom bom = new Bom();
    bom.setVersion(1);
    Metadata metadata = new Metadata();
    // Metadata stamps the current time by default; a BOM has a time only when asked for.
    Instant time = inputs.timestamp();
    metadata.setTimestamp(time == null ? null : Date.from(time));
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("custody");
    tool.setVersion(inputs.toolVersion());
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);
    metadata.setComponent(model(inputs, contents));
    bom.setMetadata(metadata);
    List<Component> components = new ArrayList<>();
    for (BomContents.Input dataset : contents.datasets) {
      components.add(dataset(dataset));
    }
    for (PythonPackage pkg : contents.packages) {
      components.add(library(pkg));
    }
    if (!components.isEmpty()) {
      bom.setComponents(components);
    }
    bom.setDependencies(List.of(modelDependencies(components)));
    if (!inputs.provenance().isEmpty()) {
      bom.setFormulation(Formulation.of(inputs.provenance(), contents));
    }
    return bom;
  }

  private static Component model(BomInputs inputs, BomContents contents) {
    Component model = new Component();
    model.setType(Component.Type.MACHINE_LEARNING_MODEL);
    model.setBomRef(MODEL_REF);
    String cardName = inputs.card().modelName();
    model.setName(cardName != null ? cardName : inputs.manifest().modelName());
    model.setHashes(List.of(hash(inputs.manifest().rootDigest())));
    List<Property> properties = new ArrayList<>();
    properties.add(
        new Property(
            "custody:digest",
            "OpenSSF Model Signing v1.0 root digest, files serialization, "
                + inputs.manifest().serialization().hash()
                + " per file"));
    model.setProperties(properties);
    LicenseChoice licenses = licenses(inputs.card().licenses());
    if (licenses != null) {
      model.setLicenses(licenses);
    }
    List<Component> files = new ArrayList<>();
    for (Resource resource : inputs.manifest().resources()) {
      files.add(file(resource));
    }
    if (!files.isEmpty()) {
      model.setComponents(files);
    }
    for (EvidenceFile evidence : inputs.evidence()) {
      model.addExternalReference(reference(evidence));
    }
    if (!contents.baseModels.isEmpty()) {
      model.setPedigree(pedigree(contents.baseModels));
    }
    ModelCardBuilder.card(inputs.card(), inputs.config(), contents).ifPresent(model::setModelCard);
    return model;
  }

  private static Component file(Resource resource) {
    Component file = new Component();
    file.setType(Component.Type.FILE);
    file.setBomRef("file:" + resource.name());
    file.setName(resource.name());
    file.setHashes(List.of(hash(resource.digest())));
    return file;
  }

  static Component dataset(BomContents.Input input) {
    Component dataset = new Component();
    dataset.setType(Component.Type.DATA);
    dataset.setBomRef(datasetRef(input));
    dataset.setName(input.name());
    Digest digest = input.digest();
    if (digest != null) {
      dataset.setHashes(List.of(hash(digest)));
    }
    ComponentData data = new ComponentData();
    data.setType(ComponentData.ComponentDataType.DATASET);
    data.setName(input.name());
    dataset.setData(List.of(data));
    dataset.setProperties(List.of(new Property("custody:source", input.source().text)));
    return dataset;
  }

  static String datasetRef(BomContents.Input input) {
    return "dataset:" + input.key();
  }

  private static Pedigree pedigree(List<BomContents.Input> baseModels) {
    List<Component> ancestors = new ArrayList<>();
    for (BomContents.Input base : baseModels) {
      Component ancestor = new Component();
      ancestor.setType(Component.Type.MACHINE_LEARNING_MODEL);
      ancestor.setBomRef("base-model:" + base.key());
      ancestor.setName(base.name());
      Digest digest = base.digest();
      if (digest != null) {
        ancestor.setHashes(List.of(hash(digest)));
      }
      ancestor.setProperties(List.of(new Property("custody:source", base.source().text)));
      ancestors.add(ancestor);
    }
    Ancestors list = new Ancestors();
    list.setComponents(ancestors);
    Pedigree pedigree = new Pedigree();
    pedigree.setAncestors(list);
    return pedigree;
  }

  private static Component library(PythonPackage pkg) {
    Component library = new Component();
    library.setType(Component.Type.LIBRARY);
    library.setBomRef(pkg.purl() + (pkg.specifier().isEmpty() ? "" : "#" + pkg.specifier()));
    library.setName(pkg.name());
    String version = pkg.version();
    if (version != null) {
      library.setVersion(version);
    }
    library.setPurl(pkg.purl());
    if (!pkg.specifier().isEmpty()) {
      library.setProperties(List.of(new Property("custody:pip:specifier", pkg.specifier())));
    }
    return library;
  }

  private static Dependency modelDependencies(List<Component> components) {
    Dependency model = new Dependency(MODEL_REF);
    for (Component component : components) {
      model.addDependency(new Dependency(component.getBomRef()));
    }
    return model;
  }

  private static ExternalReference reference(EvidenceFile evidence) {
    ExternalReference reference = new ExternalReference();
    reference.setType(
        switch (evidence.kind()) {
          case SIGNATURE -> ExternalReference.Type.DIGITAL_SIGNATURE;
          case ATTESTATION -> ExternalReference.Type.ATTESTATION;
        });
    reference.setUrl(evidence.name());
    reference.setHashes(List.of(hash(evidence.digest())));
    return reference;
  }

  /** One licence per card entry: an SPDX id when CycloneDX knows it, the text as written if not. */
  private static @Nullable LicenseChoice licenses(List<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    LicenseChoice choice = new LicenseChoice();
    for (String name : names) {
      License license = new License();
      String id = Licences.spdxId(name);
      if (id != null) {
        license.setId(id);
      } else {
        license.setName(name);
      }
      choice.addLicense(license);
    }
    return choice;
  }

  static Hash hash(Digest digest) {
    return new Hash(
        switch (digest.algorithm()) {
          case SHA256 -> Hash.Algorithm.SHA_256;
          case BLAKE2B -> Hash.Algorithm.BLAKE2b_512;
          case BLAKE3 -> Hash.Algorithm.BLAKE3;
        },
        digest.hex());
  }

  private static byte[] json(Bom bom) throws BomException {
    try {
      String text = BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
      return (text + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (GeneratorException e) {
      throw new BomException("the CycloneDX library could not write the BOM", e);
    }
  }

  private static void validate(byte[] json) throws BomException {
    List<ParseException> errors;
    try {
      errors = new JsonParser().validate(json, Version.VERSION_16);
    } catch (IOException e) {
      throw new BomException("the CycloneDX BOM could not be checked against its schema", e);
    }
    if (!errors.isEmpty()) {
      throw new BomException(
          "custody built a CycloneDX BOM that the 1.6 schema refuses (a custody bug; please"
              + " report it with the model's card and requirements): "
              + errors.get(0).getMessage()
              + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
    }
  }
}
