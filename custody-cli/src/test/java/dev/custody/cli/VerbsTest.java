package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VerbsTest {

  @Test
  void everyNameBuildsTheCommandOfThatName() {
    for (String verb : Verbs.NAMES) {
      assertThat(new CommandLine(Verbs.create(verb)).getCommandName()).isEqualTo(verb);
    }
  }

  @Test
  void aCommandLineThatNamesItsVerbFirstBuildsOnlyThatVerb() {
    assertThat(Verbs.needed("scan", "model.pt")).containsExactly("scan");
    assertThat(Verbs.needed("--verbose", "digest", "m")).containsExactly("digest");
    assertThat(Verbs.needed("verify-attestation", "--help")).containsExactly("verify-attestation");
    assertThat(Verbs.needed("policy", "lint", "p.yaml")).containsExactly("policy");
  }

  @Test
  void anythingElseBuildsEveryVerb() {
    assertThat(Verbs.needed()).isEqualTo(Verbs.NAMES);
    assertThat(Verbs.needed("help", "scan")).isEqualTo(Verbs.NAMES);
    assertThat(Verbs.needed("--help", "scan")).isEqualTo(Verbs.NAMES);
    assertThat(Verbs.needed("-h")).isEqualTo(Verbs.NAMES);
    assertThat(Verbs.needed("--", "scan")).isEqualTo(Verbs.NAMES);
    assertThat(Verbs.needed("--verbose=true", "scan")).isEqualTo(Verbs.NAMES);
    assertThat(Verbs.needed("model.pt", "scan")).isEqualTo(Verbs.NAMES);
    assertThat(Verbs.needed("Scan")).isEqualTo(Verbs.NAMES);
  }

  @Test
  void theRootUsageListsEveryVerbInOrder() {
    CommandLine root = rootWith(Verbs.NAMES);
    assertThat(List.copyOf(root.getSubcommands().keySet())).isEqualTo(Verbs.NAMES);
    assertThat(CliRun.of("--help").out()).contains("Verbs:", "verify-attestation", "policy");
  }

  @Test
  void aVerbBuiltAloneStillInheritsVerboseAndTheRootSettings() {
    CommandLine root = rootWith(List.of("scan"));
    assertThat(root.getSubcommands()).containsOnlyKeys("scan");
    CommandLine scan = Objects.requireNonNull(root.getSubcommands().get("scan"));
    assertThat(scan.getCommandSpec().findOption("--verbose")).isNotNull();
    assertThat(scan.isCaseInsensitiveEnumValuesAllowed()).isTrue();
    assertThat(scan.isAbbreviatedOptionsAllowed()).isFalse();
  }

  @Test
  void helpForAVerbIsTheSameWhetherBuiltAloneOrWithAll() {
    CliRun alone = CliRun.of("scan", "--help");
    CliRun all = CliRun.of("help", "scan");
    assertThat(alone.exitCode()).isZero();
    assertThat(alone.out()).contains("Usage: custody scan [-hV] [--verbose]").isEqualTo(all.out());
  }

  private static CommandLine rootWith(List<String> verbs) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return Cli.commandLine(sink, sink, Terminal.NONE, Map.of(), verbs);
  }
}
