package dev.custody.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Compile errors with their place, evaluation errors that deny, cost limits, warn rules. */
class PolicyRulesTest {
  private static final String HEAD =
      "apiVersion: custody.dev/v1\nkind: Policy\nname: test\nrules:\n";

  private static CompiledPolicy compile(String yaml) throws PolicyException {
    return compile(yaml, EvaluationLimits.defaults());
  }

  private static CompiledPolicy compile(String yaml, EvaluationLimits limits)
      throws PolicyException {
    return PolicyLoader.compile(
        yaml.getBytes(StandardCharsets.UTF_8), "p.yaml", Path.of("."), limits);
  }

  private static String rule(String name, String require) {
    return "  - name: " + name + "\n    require: " + require + "\n    message: m-" + name + "\n";
  }

  private static RuleOutcome only(CompiledPolicy policy) {
    return policy.evaluate(PolicyLint.sample()).outcomes().get(0);
  }

  @Test
  void aSyntaxErrorNamesFileLineAndColumn() {
    assertThatThrownBy(() -> compile(HEAD + rule("broken", "scan.completed && (")))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("p.yaml:6:")
        .hasMessageContaining("rule 'broken'");
  }

  @Test
  void aSyntaxErrorInABlockScalarPointsAtTheCharacter() throws Exception {
    String yaml =
        HEAD
            + "  - name: block\n    require: |\n      scan.completed &&\n"
            + "        scan.counts.high = 0\n    message: m\n";
    assertThatThrownBy(() -> compile(yaml))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("p.yaml:8:26: rule 'block': token recognition error");
  }

  @Test
  void aQuotedExpressionErrorColumnCountsTheQuote() {
    assertThatThrownBy(() -> compile(HEAD + rule("quoted", "\"1 + 'a' == 2\"")))
        .hasMessageStartingWith("p.yaml:6:17: rule 'quoted': found no matching overload");
  }

  @Test
  void anUnknownFunctionOrVariableDoesNotCompile() {
    assertThatThrownBy(() -> compile(HEAD + rule("unknown", "scans.completed")))
        .hasMessageContaining("undeclared reference to 'scans'");
  }

  @Test
  void anExpressionThatCannotBeABooleanDoesNotCompile() {
    assertThatThrownBy(() -> compile(HEAD + rule("count", "scan.counts.high + 1")))
        .hasMessageStartingWith("p.yaml:6:14: rule 'count': require gives int");
  }

  @Test
  void aMissingFieldDeniesAndNamesTheRule() throws Exception {
    Decision decision =
        compile(HEAD + rule("typo", "scan.complete") + rule("fine", "true"))
            .evaluate(PolicyLint.sample());
    assertThat(decision.allowed()).isFalse();
    RuleOutcome outcome = decision.denials().get(0);
    assertThat(outcome.rule()).isEqualTo("typo");
    assertThat(outcome.status()).isEqualTo(RuleOutcome.Status.ERROR);
    assertThat(outcome.error()).isEqualTo("key 'complete' is not present in map.");
  }

  @Test
  void anUnknownSeverityNameDeniesRatherThanPasses() throws Exception {
    RuleOutcome outcome =
        only(compile(HEAD + rule("sev", "scan.findingsAtLeast('hihg').size() == 0")));
    assertThat(outcome.denies()).isTrue();
    assertThat(outcome.error()).contains("not a severity: 'hihg'");
  }

  @Test
  void anErrorInAWarnRuleStillDenies() throws Exception {
    String yaml =
        HEAD + rule("warned", "1 / 0 == 1").replace("message:", "action: warn\n    message:");
    RuleOutcome outcome = only(compile(yaml));
    assertThat(outcome.action()).isEqualTo(RuleAction.WARN);
    assertThat(outcome.denies()).isTrue();
  }

  @Test
  void aFailedWarnRuleWarnsButAllows() throws Exception {
    String yaml =
        HEAD
            + rule("medium", "scan.counts.medium == 0")
                .replace("message:", "action: warn\n    message:");
    Decision decision = compile(yaml).evaluate(PolicyLint.sample());
    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings()).extracting(RuleOutcome::rule).containsExactly("medium");
    assertThat(decision.warnings().get(0).lookedAt())
        .containsExactly(new LookedAt("scan.counts.medium", "1"));
  }

  @Test
  void aDynamicNonBooleanResultDenies() throws Exception {
    RuleOutcome outcome = only(compile(HEAD + rule("dyn", "scan.highestSeverity")));
    assertThat(outcome.status()).isEqualTo(RuleOutcome.Status.ERROR);
    assertThat(outcome.error()).contains("not a boolean");
  }

  @Test
  void helpersReadAsTheyShould() throws Exception {
    assertThat(only(compile(HEAD + rule("a", "severity('critical') > severity('high')"))).status())
        .isEqualTo(RuleOutcome.Status.PASSED);
    assertThat(only(compile(HEAD + rule("b", "scan.highestSeverity.atLeast('medium')"))).status())
        .isEqualTo(RuleOutcome.Status.PASSED);
    assertThat(
            only(compile(HEAD + rule("c", "\"!scan.highestSeverity.atLeast('high')\""))).status())
        .isEqualTo(RuleOutcome.Status.PASSED);
    assertThat(
            only(compile(
                    HEAD + rule("d", "\"sets.contains(['Apache-2.0', 'MIT'], bom.licences)\"")))
                .status())
        .isEqualTo(RuleOutcome.Status.PASSED);
    assertThat(only(compile(HEAD + rule("e", "\"'none'.atLeast('info')\""))).status())
        .isEqualTo(RuleOutcome.Status.FAILED);
  }

  @Test
  void aRuleOverTheStepBudgetDeniesWithTheLimit() throws Exception {
    String nested =
        "\"[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b,"
            + " [1,2,3,4,5,6,7,8,9,10].all(c, a + b + c > 0)))\"";
    RuleOutcome outcome =
        only(
            compile(
                HEAD + rule("costly", nested),
                new EvaluationLimits(2_000, 1_000, Duration.ofSeconds(5))));
    assertThat(outcome.denies()).isTrue();
    assertThat(outcome.error()).startsWith("the rule is too costly: it evaluated more than 2000");
  }

  @Test
  void aComprehensionOverTheIterationLimitDenies() throws Exception {
    RuleOutcome outcome =
        only(
            compile(
                HEAD + rule("long", "\"[1,2,3,4,5,6].all(x, x > 0)\""),
                new EvaluationLimits(1_000_000, 5, Duration.ofSeconds(5))));
    assertThat(outcome.denies()).isTrue();
    assertThat(outcome.error()).containsIgnoringCase("iteration");
  }

  @Test
  void aRegularExpressionOverTheProgramSizeDenies() throws Exception {
    RuleOutcome outcome =
        only(compile(HEAD + rule("regex", "\"model.name.matches('(a{100}){50}')\"")));
    assertThat(outcome.denies()).isTrue();
    assertThat(outcome.error()).contains("exceeds allowed program size");
  }

  @Test
  void regularExpressionBombsAndPatternsFromEvidenceDoNotCompile() {
    // Four nested {100} would make a 10^8-instruction program before RE2 checks its size.
    assertThatThrownBy(() ->
            compile(HEAD + rule("bomb", "\"model.name.matches('((((a{100}){100}){100}){100})')\"")))
        .hasMessageContaining("repeats more than 10000 times");
    assertThatThrownBy(() -> compile(HEAD + rule("dynamic", "\"'x'.matches(model.name)\"")))
        .hasMessageContaining("a constant pattern");
  }

  @Test
  void deeplyNestedExpressionsDoNotCompile() {
    String deep = "(".repeat(200) + "true" + ")".repeat(200);
    assertThatThrownBy(() -> compile(HEAD + rule("deep", "\"" + deep + "\"")))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("rule 'deep'");
  }

  @Test
  void lintReportsARuleThatCannotRunOnSampleEvidence() throws Exception {
    CompiledPolicy policy =
        compile(HEAD + rule("ok", "scan.completed") + rule("typo", "bom.licenses.size() == 0"));
    assertThat(PolicyLint.check(policy))
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.mark().line()).isEqualTo(9);
          assertThat(problem.problem()).contains("'typo'").contains("licenses");
        });
  }

  @Test
  void theExamplePoliciesLintClean() throws Exception {
    for (String name : new String[] {"baseline.yaml", "production.yaml"}) {
      assertThat(PolicyLint.check(PolicyLoader.load(Path.of("../examples/policies", name))))
          .isEmpty();
    }
  }
}
