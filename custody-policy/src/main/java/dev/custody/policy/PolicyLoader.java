package dev.custody.policy;

import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import dev.custody.policy.yaml.Mark;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a policy file: reads it (bounded), parses it strictly, reads the key and certificate files
 * it names (relative to its folder), and compiles every rule. Any problem is a {@link
 * PolicyException} with the file, line and column.
 *
 * <pre>{@code
 * CompiledPolicy policy = PolicyLoader.load(Path.of("policies/baseline.yaml"));
 * }</pre>
 */
public final class PolicyLoader {
  private static final Mark START = new Mark(1, 1);

  private PolicyLoader() {}

  /** Loads {@code file} with the default evaluation limits. */
  public static CompiledPolicy load(Path file) throws PolicyException {
    return load(file, EvaluationLimits.defaults());
  }

  /** Loads {@code file}; each rule's evaluation is bounded by {@code limits}. */
  public static CompiledPolicy load(Path file, EvaluationLimits limits) throws PolicyException {
    String name = file.toString();
    byte[] yaml;
    try {
      yaml = BoundedFiles.read(file, PolicyReader.LIMITS.maxBytes());
    } catch (NoSuchFileException e) {
      throw new PolicyException(name, START, "no such file", e);
    } catch (IOException e) {
      throw new PolicyException(
          name, START, "cannot be read: " + Untrusted.escape(String.valueOf(e.getMessage())), e);
    }
    Path folder = file.toAbsolutePath().getParent();
    return compile(yaml, name, folder == null ? Path.of(".") : folder, limits);
  }

  /**
   * Compiles a policy from its bytes.
   *
   * @param yaml the policy file's bytes
   * @param name the file's name, for messages
   * @param folder where relative key, certificate and trusted-root paths start
   * @param limits what each rule's evaluation may cost
   */
  public static CompiledPolicy compile(
      byte[] yaml, String name, Path folder, EvaluationLimits limits) throws PolicyException {
    Policy policy = PolicyReader.read(yaml, name);
    RuleCompiler compiler = new RuleCompiler(limits, yaml, name);
    List<CompiledRule> rules = new ArrayList<>();
    for (PolicyRule rule : policy.rules()) {
      rules.add(compiler.compile(rule));
    }
    return new CompiledPolicy(
        policy, new TrustResolver(name, folder).resolve(policy.trust()), rules, limits);
  }
}
