package dev.custody.cli;

import dev.custody.digest.DigestException;
import dev.custody.evidence.EvidenceJson;
import dev.custody.gather.AttestationFiles;
import dev.custody.gather.BomFiles;
import dev.custody.gather.GatherException;
import dev.custody.gather.GatherOptions;
import dev.custody.internal.Untrusted;
import dev.custody.policy.CompiledPolicy;
import dev.custody.policy.Decision;
import dev.custody.policy.Gate;
import dev.custody.sign.VerifyOptions;
import dev.custody.store.LocalEvidenceStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code custody check}: may this model be used here? One decision from one policy. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Decide whether a model may be used, by a policy over its evidence.",
    description = {
      "Gathers the model's evidence (the scan, every signature checked against the policy's"
          + " trust, the model's root digest) and evaluates each rule of the policy over it. The"
          + " decision lists every rule's outcome and the values it looked at.",
      "The signature is read from MODEL/model.sig for a folder and MODEL.sig beside a single file"
          + " when it exists, unless --signature names one or more. With --store, what the"
          + " evidence store holds about the model is checked too. The licences and Python"
          + " packages come from MODEL/README.md (model card front matter) and"
          + " MODEL/requirements.txt. Policy files and their rules: docs/policy.md; the evidence:"
          + " docs/evidence.md.",
      ""
    },
    sortOptions = false,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:allowed: no rule denied the model (warnings may be printed)",
      "1:denied: a deny rule failed, or a rule could not be evaluated (fail closed)",
      "2:usage error, including a policy that does not load or compile (FILE:LINE:COLUMN)",
      "3:the model could not be read or hashed, or the evidence file not written"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody check examples/malicious-model --policy examples/policies/baseline.yaml",
      "  custody check examples/signed-model --policy examples/policies/baseline.yaml",
      "  custody check my-model --policy production.yaml --store=$HOME/custody-store",
      "  custody check my-model --policy production.yaml --signature my-model.sig \\",
      "      --format json --evidence-out my-model.evidence.json"
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand CustodyCommand parent;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model folder or single model file.")
  Path model;

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "The policy file (YAML, docs/policy.md).")
  Path policy;

  @Option(
      names = "--signature",
      paramLabel = "FILE",
      description = "A signature to check (default: MODEL/model.sig, or MODEL.sig). Repeatable.")
  List<Path> signatures = new ArrayList<>();

  @Option(
      names = "--attestation",
      paramLabel = "FILE",
      description =
          "A provenance attestation to check against the policy's trust and this model (default:"
              + " NAME.intoto.json beside MODEL, when it exists). Repeatable.")
  List<Path> attestations = new ArrayList<>();

  @Option(
      names = "--store",
      arity = "0..1",
      paramLabel = "DIR",
      fallbackValue = "",
      description =
          "Also check the signatures and attestations filed under the model's root digest in the"
              + " evidence store: DIR, else $CUSTODY_STORE, else $XDG_DATA_HOME/custody/store"
              + " (~/.local/share/custody/store). Write --store=DIR or put --store after MODEL.")
  @Nullable String store;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output: text (default) or json (the decision with the evidence).")
  OutputFormat format = OutputFormat.text;

  @Option(
      names = "--evidence-out",
      paramLabel = "FILE",
      description = "Also write the evidence (docs/evidence.md) to FILE, for policy test.")
  @Nullable Path evidenceOut;

  @Override
  public Integer call() {
    ModelArgument.existing(model);
    for (Path signature : signatures) {
      if (!Files.exists(signature, LinkOption.NOFOLLOW_LINKS)) {
        throw CliFailure.usage(
            "--signature " + Untrusted.quote(signature.toString()) + ": no such file");
      }
    }
    for (Path attestation : attestations) {
      if (!Files.exists(attestation, LinkOption.NOFOLLOW_LINKS)) {
        throw CliFailure.usage(
            "--attestation " + Untrusted.quote(attestation.toString()) + ": no such file");
      }
    }
    CompiledPolicy compiled = PolicyFiles.load(policy);
    AttestationFiles attestationFiles =
        new AttestationFiles(attestationFiles(), compiled.trust(), Clock.systemUTC());
    GatherOptions options = new GatherOptions(signatures, VerifyOptions.defaults());
    if (store != null) {
      options = options.withStore(new LocalEvidenceStore(storeFolder(store)));
    }
    Decision decision;
    try {
      decision =
          Gate.of(compiled).withSources(attestationFiles, BomFiles.inModel()).check(model, options);
    } catch (GatherException e) {
      throw new CliFailure(exitCode(e), String.valueOf(e.getMessage()), e);
    }
    if (evidenceOut != null) {
      writeEvidence(evidenceOut, decision);
    }
    String subject = Untrusted.quote(model.toString());
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        format == OutputFormat.json
            ? DecisionJson.render(decision, model.toString(), policy.toString())
            : DecisionText.render(decision, subject, policy.toString()));
    out.flush();
    return decision.allowed() ? ExitCode.OK : ExitCode.FINDINGS;
  }

  /** The store folder, which must exist: a check never creates a store it would find empty. */
  private Path storeFolder(String given) {
    Path folder = StoreOption.location(given, parent);
    if (!Files.isDirectory(folder)) {
      throw CliFailure.usage(
          "--store "
              + Untrusted.quote(folder.toString())
              + " is not a folder; name the evidence store that custody sign --store or custody"
              + " attest --store filed into");
    }
    return folder;
  }

  /** The files named, else the default attestation beside the model when there is one. */
  private List<Path> attestationFiles() {
    if (!attestations.isEmpty()) {
      return attestations;
    }
    Path standard = DefaultAttestation.of(model);
    return Files.exists(standard, LinkOption.NOFOLLOW_LINKS) ? List.of(standard) : List.of();
  }

  private static int exitCode(GatherException e) {
    if (e.getCause() instanceof DigestException digest) {
      return DigestCommand.exitCode(digest);
    }
    return switch (e.reason()) {
      case NOT_FOUND -> ExitCode.USAGE;
      case UNREADABLE -> ExitCode.OPERATIONAL;
    };
  }

  private static void writeEvidence(Path file, Decision decision) {
    try {
      Files.write(file, EvidenceJson.write(decision.evidence()));
    } catch (IOException e) {
      throw new CliFailure(
          ExitCode.OPERATIONAL,
          "cannot write the evidence to "
              + Untrusted.quote(file.toString())
              + " ("
              + Untrusted.escape(String.valueOf(e.getMessage()))
              + "); check the folder exists and is writable",
          e);
    }
  }
}
