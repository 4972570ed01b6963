package dev.custody.cli;

import dev.custody.policy.CompiledPolicy;
import dev.custody.policy.PolicyException;
import dev.custody.policy.PolicyLint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code custody policy lint}: does this policy load, compile and run? */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Check that a policy loads, compiles and runs on sample evidence.",
    description = {
      "Problems are printed as FILE:LINE:COLUMN: message, one per line, and the exit code is 2.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the policy is usable", "2:the policy has problems (printed on stderr)"},
    footerHeading = "%nExamples:%n",
    footer = {"  custody policy lint examples/policies/baseline.yaml"})
final class PolicyLintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The policy file.")
  Path file;

  @Override
  public Integer call() {
    CompiledPolicy policy = PolicyFiles.load(file);
    List<PolicyException> problems = PolicyLint.check(policy);
    if (!problems.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      for (PolicyException problem : problems) {
        err.println(problem.getMessage());
      }
      err.flush();
      return ExitCode.USAGE;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "OK "
            + file
            + ": policy '"
            + policy.policy().name()
            + "', "
            + policy.policy().rules().size()
            + " rules, "
            + policy.policy().trust().size()
            + " trust entries");
    out.flush();
    return ExitCode.OK;
  }
}
