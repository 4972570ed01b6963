package dev.custody.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The policy schema, read strictly, and hostile YAML refused with its place. */
class PolicyReaderTest {
  private static final String GOOD =
      """
      apiVersion: custody.dev/v1
      kind: Policy
      name: good
      trust:
        keys:
          - name: release
            publicKey: keys/release.pub.pem
      rules:
        - name: scanned
          require: scan.completed
          message: not scanned
          action: warn
      """;

  private static Policy read(String yaml) throws PolicyException {
    return PolicyReader.read(yaml.getBytes(StandardCharsets.UTF_8), "p.yaml");
  }

  @Test
  void readsTheSchema() throws Exception {
    Policy policy = read(GOOD);
    assertThat(policy.name()).isEqualTo("good");
    assertThat(policy.trust())
        .singleElement()
        .isEqualTo(
            new TrustEntry.Key(
                "release",
                new PemSource.File("keys/release.pub.pem"),
                new dev.custody.policy.yaml.Mark(6, 7)));
    PolicyRule rule = policy.rules().get(0);
    assertThat(rule.action()).isEqualTo(RuleAction.WARN);
    assertThat(rule.requireMark()).isEqualTo(new dev.custody.policy.yaml.Mark(10, 14));
  }

  @Test
  void inlinePemIsRecognised() throws Exception {
    Policy policy =
        read(
            GOOD.replace(
                "keys/release.pub.pem", "|\n          -----BEGIN PUBLIC KEY-----\n          x"));
    assertThat(((TrustEntry.Key) policy.trust().get(0)).publicKey())
        .isInstanceOf(PemSource.Inline.class);
  }

  @Test
  void unknownFieldsAreRefusedWithTheirPlace() {
    assertThatThrownBy(() -> read(GOOD.replace("    action: warn", "    acton: warn")))
        .hasMessage(
            "p.yaml:12:5: unknown field 'acton' in a rule (expected action, description, message,"
                + " name, require)");
    assertThatThrownBy(() -> read(GOOD.replace("  keys:", "  kes:")))
        .hasMessageStartingWith("p.yaml:5:3: unknown field 'kes' in trust");
  }

  @Test
  void wrongVersionKindAndActionAreRefused() {
    assertThatThrownBy(() -> read(GOOD.replace("custody.dev/v1", "custody.dev/v2")))
        .hasMessage("p.yaml:1:13: apiVersion is 'custody.dev/v2' (expected custody.dev/v1)");
    assertThatThrownBy(() -> read(GOOD.replace("kind: Policy", "kind: Pod")))
        .hasMessageContaining("kind is 'Pod'");
    assertThatThrownBy(() -> read(GOOD.replace("action: warn", "action: allow")))
        .hasMessage("p.yaml:12:13: action is 'allow' (expected deny or warn)");
  }

  @Test
  void missingAndEmptyRulesAreRefused() {
    assertThatThrownBy(() -> read(GOOD.replace("    message: not scanned\n", "")))
        .hasMessage("p.yaml:9:5: a rule has no message");
    assertThatThrownBy(() -> read(GOOD.substring(0, GOOD.indexOf("rules:")) + "rules: []\n"))
        .hasMessageContaining("rules is empty");
  }

  @Test
  void duplicateNamesAndBadNamesAreRefused() {
    String twice = GOOD + "  - name: scanned\n    require: 'true'\n    message: again\n";
    assertThatThrownBy(() -> read(twice)).hasMessageContaining("two rules are named 'scanned'");
    assertThatThrownBy(() -> read(GOOD.replace("name: scanned", "name: Scanned Rule")))
        .hasMessageContaining("is not a name");
  }

  @Test
  void aliasesAnchorsAndTagsAreRefused() {
    String bomb = "apiVersion: custody.dev/v1\nkind: Policy\nname: &n bomb\nrules:\n  - name: *n\n";
    assertThatThrownBy(() -> read(bomb))
        .hasMessage("p.yaml:5:11: an alias (*name); policy files may not use anchors or aliases");
    assertThatThrownBy(() -> read(GOOD.replace("name: good", "name: !!python/object good")))
        .hasMessageContaining("an explicit tag");
  }

  @Test
  void duplicateKeysAndSecondDocumentsAreRefused() {
    assertThatThrownBy(() -> read(GOOD + "name: again\n")).hasMessageContaining("name");
    assertThatThrownBy(() -> read(GOOD + "---\nname: two\n"))
        .hasMessageContaining("a second document");
  }

  @Test
  void deepNestingAndHugeFilesAreRefused() {
    String deep = "rules: " + "[".repeat(100) + "]".repeat(100) + "\n";
    assertThatThrownBy(() -> read(deep)).isInstanceOf(PolicyException.class);
    byte[] huge = new byte[PolicyReader.LIMITS.maxBytes() + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    assertThatThrownBy(() -> PolicyReader.read(huge, "p.yaml"))
        .hasMessageContaining("more than the limit of 1048576");
  }

  @Test
  void brokenYamlIsRefusedWithAPlace() {
    assertThatThrownBy(() -> read("rules: {a: b\n"))
        .hasMessageStartingWith("p.yaml:1:")
        .hasMessageContaining("flow mapping");
  }
}
