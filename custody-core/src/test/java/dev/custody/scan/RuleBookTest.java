package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuleBookTest {

  @Test
  void everyRuleTheCodeFiresHasData() {
    for (var id : RuleBook.fired()) {
      assertThat(RuleBook.standard().rule(id).id()).isEqualTo(id);
    }
    for (ScanRule which : ScanRule.values()) {
      assertThat(RuleBook.standard().rule(which).id()).isEqualTo(which.id());
    }
    for (ContainerRule which : ContainerRule.values()) {
      assertThat(RuleBook.standard().rule(which).id()).isEqualTo(which.id());
    }
    assertThat(RuleBook.standard().all()).hasSize(RuleBook.fired().size());
  }

  @Test
  void everyRuleIsDocumentedWithItsSeverityAndTitle() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "rules.md"), StandardCharsets.UTF_8);
    for (Rule rule : RuleBook.standard().all()) {
      assertThat(doc)
          .as("docs/rules.md documents %s", rule.id())
          .contains("## " + rule.id() + " — " + rule.title())
          .contains("Severity: **" + rule.severity().label() + "**");
    }
  }
}
