package dev.custody.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code custody policy}: write and try policies without a model at hand. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "<lint|test>",
    header = "Check a policy file, or try it on saved evidence.",
    description = {
      "lint loads a policy as custody check would (schema, trust files, every rule compiled) and"
          + " runs each rule once on a sample of evidence, so that a misspelt field shows up now"
          + " rather than as a deny later. test evaluates a policy on an evidence file written by"
          + " custody check --evidence-out.",
      ""
    },
    subcommands = {PolicyLintCommand.class, PolicyTestCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody policy lint examples/policies/baseline.yaml",
      "  custody check my-model --policy baseline.yaml --evidence-out my-model.evidence.json",
      "  custody policy test production.yaml --evidence my-model.evidence.json"
    })
final class PolicyCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw CliFailure.usage("say what to do with the policy: custody policy lint|test (see --help)");
  }
}
