package dev.custody.cli;

import dev.custody.evidence.Evidence;
import dev.custody.evidence.EvidenceJson;
import dev.custody.evidence.MalformedEvidenceException;
import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import dev.custody.policy.CompiledPolicy;
import dev.custody.policy.Decision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code custody policy test}: what would this policy decide on this evidence? */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Evaluate a policy on saved evidence, without the model.",
    description = {
      "Reads an evidence file (custody check --evidence-out, schema in docs/evidence.md) and"
          + " prints the decision the policy makes on it. The policy's trust is not used: the"
          + " signatures in the evidence were checked when it was gathered.",
      ""
    },
    sortOptions = false,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:allowed",
      "1:denied",
      "2:usage error, including a policy that does not load or compile",
      "3:the evidence file is not valid evidence"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody policy test examples/policies/production.yaml --evidence model.evidence.json",
      "  custody policy test my-policy.yaml --evidence model.evidence.json --format json"
    })
final class PolicyTestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The policy file.")
  Path file;

  @Option(
      names = "--evidence",
      required = true,
      paramLabel = "E.json",
      description = "The evidence file.")
  Path evidenceFile;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output: text (default) or json.")
  OutputFormat format = OutputFormat.text;

  @Override
  public Integer call() {
    CompiledPolicy policy = PolicyFiles.load(file);
    Evidence evidence = readEvidence();
    Decision decision = policy.evaluate(evidence);
    String subject = "evidence " + Untrusted.quote(evidenceFile.toString());
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        format == OutputFormat.json
            ? DecisionJson.render(decision, evidenceFile.toString(), file.toString())
            : DecisionText.render(decision, subject, file.toString()));
    out.flush();
    return decision.allowed() ? ExitCode.OK : ExitCode.FINDINGS;
  }

  private Evidence readEvidence() {
    String name = Untrusted.quote(evidenceFile.toString());
    try {
      return EvidenceJson.read(BoundedFiles.read(evidenceFile, EvidenceJson.LIMITS.maxBytes()));
    } catch (NoSuchFileException e) {
      throw CliFailure.usage("--evidence " + name + ": no such file");
    } catch (IOException e) {
      throw new CliFailure(
          ExitCode.OPERATIONAL,
          "--evidence " + name + ": cannot be read (" + Untrusted.escape(String.valueOf(e)) + ")",
          e);
    } catch (MalformedEvidenceException e) {
      throw new CliFailure(
          ExitCode.OPERATIONAL,
          "--evidence "
              + name
              + " is not custody evidence: "
              + e.getMessage()
              + "; write it with custody check --evidence-out",
          e);
    }
  }
}
