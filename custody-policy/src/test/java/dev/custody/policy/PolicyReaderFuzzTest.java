package dev.custody.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Policy files come from anywhere a service reads them: reading and compiling one must be total (a
 * compiled policy or a {@link PolicyException}, nothing else), and a compiled policy's decision on
 * sample evidence must never throw. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays
 * {@code src/test/resources/dev/custody/policy/PolicyReaderFuzzTestInputs/}.
 */
class PolicyReaderFuzzTest {
  private static final EvaluationLimits SMALL =
      new EvaluationLimits(100_000, 10_000, Duration.ofSeconds(1));

  @FuzzTest(maxDuration = "60s")
  void readingAndCompilingIsTotal(byte @NotNull [] data) {
    CompiledPolicy policy;
    try {
      policy = PolicyLoader.compile(data, "fuzz.yaml", Path.of("/nonexistent"), SMALL);
    } catch (PolicyException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz.yaml:");
      return;
    }
    Decision decision = policy.evaluate(PolicyLint.sample());
    assertThat(decision.outcomes()).hasSameSizeAs(policy.policy().rules());
  }
}
