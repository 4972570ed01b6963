package dev.custody.scan;

import dev.custody.finding.RuleId;
import dev.custody.finding.Severity;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every rule custody ships, read from {@code rules/pickle-rules.properties} and {@code
 * rules/container-rules.properties}.
 */
public final class RuleBook {
  private static final RuleBook DEFAULT =
      load("pickle-rules.properties", "container-rules.properties");

  private final Map<RuleId, Rule> rules;

  private RuleBook(Map<RuleId, Rule> rules) {
    this.rules = rules;
  }

  /** The rules shipped in the jar. */
  public static RuleBook standard() {
    return DEFAULT;
  }

  /** Every rule, in id order. */
  public Collection<Rule> all() {
    return rules.values();
  }

  Rule rule(PickleRule which) {
    Rule rule = rules.get(which.id());
    if (rule == null) {
      throw new IllegalStateException("rule data has no entry for " + which.id());
    }
    return rule;
  }

  Rule rule(ContainerRule which) {
    Rule rule = rules.get(which.id());
    if (rule == null) {
      throw new IllegalStateException("rule data has no entry for " + which.id());
    }
    return rule;
  }

  private static RuleBook load(String... names) {
    Properties p = new Properties();
    for (String name : names) {
      try {
        p.load(new StringReader(RuleData.text(name)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Map<RuleId, Rule> rules = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.endsWith(".severity")) {
        String id = key.substring(0, key.length() - ".severity".length());
        rules.put(new RuleId(id), rule(p, id));
      }
    }
    RuleBook book = new RuleBook(java.util.Collections.unmodifiableMap(rules));
    for (PickleRule which : PickleRule.values()) {
      book.rule(which);
    }
    for (ContainerRule which : ContainerRule.values()) {
      book.rule(which);
    }
    return book;
  }

  private static Rule rule(Properties p, String id) {
    return new Rule(
        new RuleId(id),
        Severity.parse(p.getProperty(id + ".severity", "")),
        p.getProperty(id + ".title", ""),
        p.getProperty(id + ".explanation", ""),
        p.getProperty(id + ".remedy", ""));
  }
}
