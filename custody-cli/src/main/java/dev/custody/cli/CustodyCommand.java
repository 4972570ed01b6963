package dev.custody.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code custody}: the root command. Without a verb it shows the verbs and exits 2. Its verbs are
 * added by {@link Verbs}, only those a command line can reach.
 */
@Command(
    name = "custody",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "<verb>",
    header = "Chain of custody for machine-learning models.",
    description = {
      "Scans models for code that runs when they are loaded, computes a model's identity (its"
          + " OpenSSF Model Signing digest), signs models and verifies their signatures, records"
          + " and verifies signed provenance of training runs, writes their AI bill of materials,"
          + " and decides whether a model may be used, by a policy over its evidence. See"
          + " docs/cli.md.",
      ""
    },
    commandListHeading = "%nVerbs:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:findings, policy deny or failed verification",
      "2:usage error (bad option, value or path)",
      "3:operational error (unreadable or refused input, I/O failure) or incomplete scan"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody scan examples/",
      "  custody digest examples/tiny-model",
      "  custody keygen --out release",
      "  custody sign my-model --key release.pem",
      "  custody verify my-model --key release.pub.pem",
      "  custody attest my-model --key release.pem --dataset data/ --code ./train",
      "  custody verify-attestation my-model --key release.pub.pem",
      "  custody bom my-model --output my-model.cdx.json",
      "  custody check my-model --policy examples/policies/baseline.yaml",
      "  custody help verify",
      "",
      "Reference: docs/cli.md"
    })
final class CustodyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show stack traces and other detail on errors.")
  boolean verbose;

  private final Terminal terminal;
  private final Map<String, String> environment;

  CustodyCommand(Terminal terminal, Map<String, String> environment) {
    this.terminal = terminal;
    this.environment = Map.copyOf(environment);
  }

  Terminal terminal() {
    return terminal;
  }

  /** The process environment (passwords and the store come from it; tests pass their own). */
  Map<String, String> environment() {
    return environment;
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("custody: say which verb to run.");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
