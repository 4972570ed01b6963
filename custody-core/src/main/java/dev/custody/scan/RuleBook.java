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
 * Every rule custody ships, read from the {@code rules/*-rules.properties} files listed in {@link
 * #FILES}.
 */
public final class RuleBook {
  /** The rule data files, one per rule family; a new family adds one line here and in fired(). */
  static final java.util.List<String> FILES =
      java.util.List.of(
          "pickle-rules.properties",
          "scan-rules.properties",
          "archive-rules.properties",
          "joblib-rules.properties",
          "container-rules.properties",
          "safetensors-rules.properties",
          "gguf-rules.properties",
          "onnx-rules.properties",
          "keras-rules.properties",
          "savedmodel-rules.properties",
          "hdf5-rules.properties");

  private static final RuleBook DEFAULT = load(FILES);

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

  /** The rule with this id, if custody has one. */
  public java.util.Optional<Rule> find(RuleId id) {
    return java.util.Optional.ofNullable(rules.get(id));
  }

  Rule rule(PickleRule which) {
    return rule(which.id());
  }

  Rule rule(ScanRule which) {
    return rule(which.id());
  }

  Rule rule(ArchiveRule which) {
    return rule(which.id());
  }

  Rule rule(JoblibRule which) {
    return rule(which.id());
  }

  Rule rule(RuleId id) {
    Rule rule = rules.get(id);
    if (rule == null) {
      throw new IllegalStateException("rule data has no entry for " + id);
    }
    return rule;
  }

  Rule rule(ContainerRule which) {
    return rule(which.id());
  }

  /** Every rule id custody's code fires, over all families. */
  static java.util.List<RuleId> fired() {
    java.util.List<RuleId> ids = new java.util.ArrayList<>();
    for (PickleRule which : PickleRule.values()) {
      ids.add(which.id());
    }
    for (ScanRule which : ScanRule.values()) {
      ids.add(which.id());
    }
    for (ArchiveRule which : ArchiveRule.values()) {
      ids.add(which.id());
    }
    for (JoblibRule which : JoblibRule.values()) {
      ids.add(which.id());
    }
    for (ContainerRule which : ContainerRule.values()) {
      ids.add(which.id());
    }
    for (FormatRule which : FormatRule.values()) {
      ids.add(which.id());
    }
    for (KerasRule which : KerasRule.values()) {
      ids.add(which.id());
    }
    for (SavedModelRule which : SavedModelRule.values()) {
      ids.add(which.id());
    }
    for (Hdf5Rule which : Hdf5Rule.values()) {
      ids.add(which.id());
    }
    return ids;
  }

  private static RuleBook load(java.util.List<String> names) {
    Map<RuleId, Rule> rules = new TreeMap<>();
    for (String name : names) {
      Properties p = new Properties();
      try {
        p.load(new StringReader(RuleData.text(name)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (String key : p.stringPropertyNames()) {
        if (key.endsWith(".severity")) {
          String id = key.substring(0, key.length() - ".severity".length());
          if (rules.put(new RuleId(id), rule(p, id)) != null) {
            throw new IllegalStateException("rule " + id + " is defined twice (in " + name + ")");
          }
        }
      }
    }
    RuleBook book = new RuleBook(java.util.Collections.unmodifiableMap(rules));
    // Every rule the code names must have its data: fail at start-up, not at the first finding.
    for (RuleId id : fired()) {
      book.rule(id);
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
