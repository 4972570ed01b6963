package dev.custody.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FindingTypesTest {

  @Test
  void ruleIdsHaveAFamilyADashAndThreeDigits() {
    assertThat(new RuleId("PICKLE-001").family()).isEqualTo("PICKLE");
    assertThat(new RuleId("ZIP2-123").value()).isEqualTo("ZIP2-123");
    assertThatThrownBy(() -> new RuleId("pickle-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "not a rule id: 'pickle-1' (expected an uppercase family, a dash and three digits,"
                + " e.g. PICKLE-001)");
  }

  @Test
  void severitiesRunFromWorstToMildest() {
    assertThat(Severity.values())
        .containsExactly(
            Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO);
    assertThat(Severity.CRITICAL.isAtLeast(Severity.HIGH)).isTrue();
    assertThat(Severity.MEDIUM.isAtLeast(Severity.HIGH)).isFalse();
    assertThat(Severity.parse(" High ")).isEqualTo(Severity.HIGH);
    assertThatThrownBy(() -> Severity.parse("severe"))
        .hasMessageContaining("expected one of critical, high, medium, low, info");
  }

  @Test
  void locationsNestOutermostFirst() {
    Location inner = Location.at(57).inside("nested pickle").inside("archive/data.pkl");
    assertThat(inner.containers()).containsExactly("archive/data.pkl", "nested pickle");
    assertThat(inner).hasToString("archive/data.pkl > nested pickle @ 57");
    assertThatThrownBy(() -> new Location(List.of(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void findingsNeedTheirTexts() {
    assertThatThrownBy(() ->
            new Finding(
                new RuleId("PICKLE-001"), Severity.HIGH, "t", Location.at(0), "s", " ", "r"))
        .hasMessage("a finding's explanation is never blank");
  }
}
