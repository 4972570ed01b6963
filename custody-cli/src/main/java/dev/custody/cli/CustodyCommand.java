package dev.custody.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code custody}: the root command. Without a verb it shows the verbs and exits 2. */
@Command(
    name = "custody",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "<verb>",
    header = "Chain of custody for machine-learning models.",
    description = {
      "Computes a model's identity (its OpenSSF Model Signing digest). Scanning, signing,"
          + " provenance and policy verbs come next; see docs/cli.md.",
      ""
    },
    commandListHeading = "%nVerbs:%n",
    subcommands = {DigestCommand.class, HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:findings, policy deny or failed verification",
      "2:usage error (bad option, value or path)",
      "3:operational error (unreadable or refused input, I/O failure)"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody digest examples/tiny-model",
      "  custody help digest",
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

  CustodyCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  Terminal terminal() {
    return terminal;
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("custody: say which verb to run.");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
