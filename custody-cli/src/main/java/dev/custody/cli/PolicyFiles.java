package dev.custody.cli;

import dev.custody.policy.CompiledPolicy;
import dev.custody.policy.PolicyException;
import dev.custody.policy.PolicyLoader;
import java.nio.file.Path;

/** Loads the policy a verb names: any problem with it is a usage error (exit 2) with its place. */
final class PolicyFiles {
  private PolicyFiles() {}

  static CompiledPolicy load(Path file) {
    try {
      return PolicyLoader.load(file);
    } catch (PolicyException e) {
      throw new CliFailure(ExitCode.USAGE, String.valueOf(e.getMessage()), e);
    }
  }
}
