package dev.custody.bom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.formulation.Formula;
import org.cyclonedx.model.formulation.FormulationCommon;
import org.cyclonedx.model.formulation.Workflow;
import org.cyclonedx.model.formulation.common.InputType;
import org.cyclonedx.model.formulation.common.OutputType;
import org.cyclonedx.model.formulation.common.ResourceReferenceChoice;

/**
 * CycloneDX {@code formulation}: one formula per provenance attestation, holding one workflow (the
 * training run) whose inputs are the datasets it names and whose output is the model.
 */
final class Formulation {
  private Formulation() {}

  static List<Formula> of(List<ProvenanceFacts> provenance, BomContents contents) {
    List<Formula> formulas = new ArrayList<>();
    for (int i = 0; i < provenance.size(); i++) {
      formulas.add(formula(i + 1, provenance.get(i), contents));
    }
    return formulas;
  }

  private static Formula formula(int number, ProvenanceFacts facts, BomContents contents) {
    Workflow training = new Workflow();
    training.setBomRef("training:" + number);
    training.setUid("training-" + number);
    training.setName("training run " + number);
    training.setTaskTypes(List.of(FormulationCommon.TaskType.BUILD));
    List<InputType> inputs = new ArrayList<>();
    for (ProvenanceFacts.Material dataset : facts.datasets()) {
      inputs.add(input(datasetRef(dataset, contents)));
    }
    if (!inputs.isEmpty()) {
      training.setInputs(inputs);
    }
    OutputType output = new OutputType();
    output.setResource(reference(CycloneDxWriter.MODEL_REF));
    training.setOutputs(List.of(output));
    List<Property> properties = properties(facts);
    if (!properties.isEmpty()) {
      training.setProperties(properties);
    }
    Formula formula = new Formula();
    formula.setBomRef("formula:" + number);
    formula.setWorkflows(List.of(training));
    return formula;
  }

  private static String datasetRef(ProvenanceFacts.Material dataset, BomContents contents) {
    for (BomContents.Input input : contents.datasets) {
      if (input.name().equals(dataset.name()) && dataset.digest().equals(input.digest())) {
        return CycloneDxWriter.datasetRef(input);
      }
    }
    throw new IllegalStateException("dataset of the provenance missing from the BOM contents");
  }

  private static InputType input(String ref) {
    InputType input = new InputType();
    input.setResource(reference(ref));
    return input;
  }

  private static ResourceReferenceChoice reference(String ref) {
    ResourceReferenceChoice choice = new ResourceReferenceChoice();
    choice.setRef(ref);
    return choice;
  }

  private static List<Property> properties(ProvenanceFacts facts) {
    List<Property> properties = new ArrayList<>();
    if (facts.builderId() != null) {
      properties.add(new Property("custody:builder", facts.builderId()));
    }
    ProvenanceFacts.CodeRevision code = facts.code();
    if (code != null) {
      properties.add(new Property("custody:code", code.uri() + "@" + code.revision()));
    }
    for (ProvenanceFacts.Material base : facts.baseModels()) {
      properties.add(new Property("custody:base-model", base.name() + " " + base.digest()));
    }
    for (Map.Entry<String, String> parameter : facts.parameters().entrySet()) {
      properties.add(new Property("custody:parameter:" + parameter.getKey(), parameter.getValue()));
    }
    return properties;
  }
}
