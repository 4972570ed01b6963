package dev.custody.cli;

import dev.custody.attest.Attestation;
import dev.custody.attest.AttestationException;
import dev.custody.attest.Attester;
import dev.custody.attest.ProvenanceInputs;
import dev.custody.digest.DigestOptions;
import dev.custody.digest.ModelPaths;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.provenance.BuildDefinition;
import dev.custody.provenance.BuildEnvironment;
import dev.custody.provenance.DependencyKind;
import dev.custody.provenance.Provenance;
import dev.custody.provenance.ResolvedDependency;
import dev.custody.provenance.ResourceDescriptor;
import dev.custody.provenance.RunDetails;
import dev.custody.provenance.Subject;
import dev.custody.provenance.TrainingParameters;
import dev.custody.sign.StatementSigner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code custody attest}: signed SLSA provenance of a training or fine-tuning run. */
@Command(
    name = "attest",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Record and sign how a model was made (SLSA v1 provenance).",
    description = {
      "Writes a signed in-toto statement (predicate https://slsa.dev/provenance/v1, build type"
          + " https://custody.dev/provenance/training/v1) whose subject is MODEL's root digest, as"
          + " 'custody digest' gives it, and whose inputs are the datasets, base models, code,"
          + " parameters and Python packages given. Datasets and base models given as paths are"
          + " digested the same way as MODEL; sha256:HEX (or NAME=sha256:HEX) is taken as given.",
      "Also recorded without being asked: the commit of a --code folder (read from its .git),"
          + " and model_type, torch_dtype and transformers_version from MODEL/config.json."
          + " Nothing is guessed: what cannot be read is reported as a warning.",
      "The attestation goes to NAME.intoto.json beside MODEL unless --output says otherwise; a"
          + " model.sig inside MODEL is left out of the digest, so the subject is the signature's.",
      ""
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody attest my-model --key release.pem --dataset data/train \\",
      "      --base-model sha256:5e1f...9a --code ./train-code --param epochs=3 \\",
      "      --requirements requirements.txt --metrics metrics.json \\",
      "      --started 2026-11-20T08:00:00Z --finished 2026-11-20T11:30:00Z",
      "  custody attest my-model --key release.pem --code https://github.com/org/train@3f2c9e1 \\",
      "      --params-file params.json --store",
      "  custody verify-attestation my-model --key release.pub.pem"
    })
final class AttestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand CustodyCommand parent;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model folder or single model file.")
  Path model;

  @Mixin SigningOptions signing = new SigningOptions();

  @Option(
      names = "--dataset",
      paramLabel = "PATH_OR_DIGEST",
      description = "A dataset folder or file, or its sha256:HEX root digest. Repeatable.")
  List<String> datasets = new ArrayList<>();

  @Option(
      names = "--base-model",
      paramLabel = "PATH_OR_DIGEST",
      description = "The model this one was fine-tuned or distilled from. Repeatable.")
  List<String> baseModels = new ArrayList<>();

  @Option(
      names = "--code",
      paramLabel = "URI@REVISION",
      description = "The training code: URI@REVISION, or a local git working folder.")
  @Nullable String code;

  @Option(
      names = "--param",
      paramLabel = "KEY=VALUE",
      description =
          "A training parameter (overrides the same name from --params-file). Repeatable.")
  List<String> parameters = new ArrayList<>();

  @Option(
      names = "--params-file",
      paramLabel = "FILE",
      description = "Training parameters as a JSON object (nested names become a.b).")
  @Nullable Path parametersFile;

  @Option(
      names = "--requirements",
      paramLabel = "FILE",
      description = "A pip freeze or requirements file; pinned packages are recorded. Repeatable.")
  List<Path> requirements = new ArrayList<>();

  @Option(
      names = "--metrics",
      paramLabel = "FILE",
      description = "A metrics file (at most 1 MiB), recorded with its content.")
  @Nullable Path metrics;

  @Option(
      names = "--log",
      paramLabel = "FILE",
      description = "A training log, recorded by its digest. Repeatable.")
  List<Path> logs = new ArrayList<>();

  @Option(
      names = "--builder",
      paramLabel = "ID",
      description = "URI of who ran the training (default: " + Provenance.DEFAULT_BUILDER + ").")
  String builder = Provenance.DEFAULT_BUILDER;

  @Option(
      names = "--invocation-id",
      paramLabel = "ID",
      description = "The run's id in the builder (a job or run number).")
  @Nullable String invocationId;

  @Option(
      names = "--started",
      paramLabel = "TIME",
      description = "When the run started (RFC 3339, e.g. 2026-11-20T08:00:00Z).",
      converter = TimeConverter.class)
  @Nullable Instant started;

  @Option(
      names = "--finished",
      paramLabel = "TIME",
      description = "When the run finished (RFC 3339).",
      converter = TimeConverter.class)
  @Nullable Instant finished;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Where to write the attestation (default: NAME.intoto.json beside MODEL).")
  @Nullable Path output;

  @Mixin HashingOptions hashing = new HashingOptions();

  @Mixin StoreOption store = new StoreOption();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output: text (default) or json.")
  OutputFormat format = OutputFormat.text;

  @Override
  public Integer call() {
    ModelArgument.existing(model);
    Path target = output != null ? output : DefaultAttestation.of(model);
    if (ModelPaths.inside(model, target).isPresent()) {
      throw CliFailure.usage(
          "the attestation "
              + Untrusted.quote(target.toString())
              + " would be inside the model and change its digest; write it beside the model");
    }
    DigestOptions options = modelOptions();
    StatementSigner signer = signing.signer(parent);
    ProvenanceInputs inputs = new ProvenanceInputs(options.withIgnorePaths(List.of()));
    Attestation attestation;
    try {
      Provenance provenance = provenance(inputs, options);
      attestation = new Attester(signer).attest(provenance, target);
    } catch (AttestationException e) {
      throw new CliFailure(
          e.kind() == AttestationException.Kind.BAD_INPUT ? ExitCode.USAGE : ExitCode.OPERATIONAL,
          String.valueOf(e.getMessage()),
          e);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(String.valueOf(e.getMessage()));
    }
    PrintWriter err = spec.commandLine().getErr();
    inputs.warnings().forEach(w -> err.println("custody attest: warning: " + w));
    err.flush();
    String stored =
        store.requested() ? store.record(parent, attestation.json().toByteArray()) : null;
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        format == OutputFormat.json
            ? ProvenanceJson.attested(attestation, target, stored)
            : ProvenanceText.attested(
                model, attestation, signing.describe(signer), target, stored));
    out.flush();
    return ExitCode.OK;
  }

  /** The hashing options for MODEL, leaving out a signature inside it as 'custody sign' does. */
  private DigestOptions modelOptions() {
    return DefaultSignature.leftOut(model, hashing.toDigestOptions(model));
  }

  private Provenance provenance(ProvenanceInputs inputs, DigestOptions options)
      throws AttestationException {
    Digest root = ProvenanceInputs.rootDigest(model, options);
    List<ResolvedDependency> dependencies = new ArrayList<>();
    for (String dataset : datasets) {
      dependencies.add(inputs.input(DependencyKind.DATASET, dataset));
    }
    for (String base : baseModels) {
      dependencies.add(inputs.input(DependencyKind.BASE_MODEL, base));
    }
    if (code != null) {
      dependencies.add(inputs.code(code));
    }
    for (Path file : requirements) {
      dependencies.addAll(inputs.requirements(file));
    }
    ProvenanceInputs.ModelFacts facts = inputs.modelFacts(model);
    dependencies.addAll(facts.frameworks());
    TrainingParameters trainingParameters = inputs.parameters(parameters, parametersFile);
    List<ResourceDescriptor> byproducts = new ArrayList<>();
    if (metrics != null) {
      byproducts.add(inputs.metrics(metrics));
    }
    for (Path log : logs) {
      byproducts.add(inputs.log(log));
    }
    BuildEnvironment environment =
        new BuildEnvironment(
            options.hash(),
            options.shardSize() == null ? "files" : "shards",
            options.shardSize(),
            facts.config());
    return new Provenance(
        new Subject(subjectName(), root),
        new BuildDefinition(
            Provenance.TRAINING_BUILD_TYPE, trainingParameters, environment, dependencies),
        new RunDetails(builder, invocationId, started, finished, byproducts));
  }

  private String subjectName() {
    Path name = model.toAbsolutePath().normalize().getFileName();
    return name == null ? "model" : name.toString();
  }
}
