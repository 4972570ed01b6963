package dev.custody.policy;

import dev.custody.internal.Untrusted;
import dev.custody.policy.yaml.MalformedYamlException;
import dev.custody.policy.yaml.Mark;
import dev.custody.policy.yaml.YamlLimits;
import dev.custody.policy.yaml.YamlNode;
import dev.custody.policy.yaml.YamlReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a policy file's bytes into a {@link Policy}, strictly: unknown fields, missing fields,
 * wrong types, duplicate names and bad names are errors with the file, line and column. Reads no
 * other file (key files are read when the policy is loaded).
 */
public final class PolicyReader {
  /** 1 MiB (room for inline certificates), 32 levels, 100,000 nodes: a real policy is a few KiB. */
  public static final YamlLimits LIMITS = new YamlLimits(1 << 20, 32, 100_000);

  /** The most rules in one policy. */
  public static final int MAX_RULES = 500;

  /** The longest rule expression, in characters (CEL's own limit is set to the same). */
  public static final int MAX_EXPRESSION = 10_000;

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?");

  private final String file;

  private PolicyReader(String file) {
    this.file = file;
  }

  /**
   * Reads a policy.
   *
   * @param yaml the file's bytes (UTF-8)
   * @param file the file's name, for messages
   * @throws PolicyException saying where the file breaks the format
   */
  public static Policy read(byte[] yaml, String file) throws PolicyException {
    YamlNode root;
    try {
      root = YamlReader.read(yaml, LIMITS);
    } catch (MalformedYamlException e) {
      throw new PolicyException(file, e.mark(), String.valueOf(e.getMessage()));
    }
    return new PolicyReader(file).policy(root);
  }

  private Policy policy(YamlNode root) throws PolicyException {
    Map<String, YamlNode.Entry> fields =
        fields(
            root,
            "the policy",
            Set.of("apiVersion", "kind", "name", "description", "trust", "rules"),
            Set.of("apiVersion", "kind", "name", "rules"));
    String version = text(required(fields, "apiVersion"));
    if (!version.equals(Policy.API_VERSION)) {
      throw error(
          required(fields, "apiVersion").value().mark(),
          "apiVersion is " + Untrusted.quote(version) + " (expected " + Policy.API_VERSION + ")");
    }
    String kind = text(required(fields, "kind"));
    if (!kind.equals("Policy")) {
      throw error(
          required(fields, "kind").value().mark(),
          "kind is " + Untrusted.quote(kind) + " (expected Policy)");
    }
    String name = name(required(fields, "name"));
    String description =
        fields.containsKey("description") ? text(required(fields, "description")) : "";
    List<TrustEntry> trust =
        fields.containsKey("trust") ? trust(required(fields, "trust")) : List.of();
    return new Policy(file, name, description, trust, rules(required(fields, "rules")));
  }

  private List<TrustEntry> trust(YamlNode.Entry entry) throws PolicyException {
    Map<String, YamlNode.Entry> fields =
        fields(entry.value(), "trust", Set.of("keys", "roots", "identities"), Set.of());
    List<TrustEntry> entries = new ArrayList<>();
    for (YamlNode item : list(fields.get("keys"))) {
      Map<String, YamlNode.Entry> key =
          fields(item, "a trusted key", Set.of("name", "publicKey"), Set.of("name", "publicKey"));
      entries.add(
          new TrustEntry.Key(
              name(required(key, "name")),
              PemSource.of(text(required(key, "publicKey"))),
              item.mark()));
    }
    for (YamlNode item : list(fields.get("roots"))) {
      Map<String, YamlNode.Entry> root =
          fields(
              item, "a trusted root", Set.of("name", "certificate"), Set.of("name", "certificate"));
      entries.add(
          new TrustEntry.Root(
              name(required(root, "name")),
              PemSource.of(text(required(root, "certificate"))),
              item.mark()));
    }
    for (YamlNode item : list(fields.get("identities"))) {
      Set<String> names = Set.of("name", "trustedRoot", "issuer", "subject");
      Map<String, YamlNode.Entry> identity = fields(item, "a trusted identity", names, names);
      entries.add(
          new TrustEntry.Identity(
              name(required(identity, "name")),
              nonBlank(required(identity, "trustedRoot")),
              nonBlank(required(identity, "issuer")),
              nonBlank(required(identity, "subject")),
              item.mark()));
    }
    Set<String> seen = new HashSet<>();
    for (TrustEntry trusted : entries) {
      if (!seen.add(trusted.name())) {
        throw error(
            trusted.mark(),
            "two trust entries are named "
                + Untrusted.quote(trusted.name())
                + "; names must be unique, since decisions report which entry matched");
      }
    }
    return entries;
  }

  private List<PolicyRule> rules(YamlNode.Entry entry) throws PolicyException {
    List<YamlNode> items = list(entry);
    if (items.isEmpty()) {
      throw error(
          entry.value().mark(),
          "rules is empty; a policy without rules would allow every model (write at least one)");
    }
    if (items.size() > MAX_RULES) {
      throw error(entry.value().mark(), "more than " + MAX_RULES + " rules");
    }
    List<PolicyRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlNode item : items) {
      PolicyRule rule = rule(item);
      if (!names.add(rule.name())) {
        throw error(
            item.mark(),
            "two rules are named " + Untrusted.quote(rule.name()) + " (names are unique)");
      }
      rules.add(rule);
    }
    return rules;
  }

  private PolicyRule rule(YamlNode item) throws PolicyException {
    Map<String, YamlNode.Entry> fields =
        fields(
            item,
            "a rule",
            Set.of("name", "description", "require", "message", "action"),
            Set.of("name", "require", "message"));
    String require = nonBlank(required(fields, "require"));
    if (require.length() > MAX_EXPRESSION) {
      throw error(
          required(fields, "require").value().mark(),
          "the expression is "
              + require.length()
              + " characters, more than the limit of "
              + MAX_EXPRESSION);
    }
    RuleAction action = RuleAction.DENY;
    if (fields.containsKey("action")) {
      String text = text(required(fields, "action"));
      action =
          switch (text) {
            case "deny" -> RuleAction.DENY;
            case "warn" -> RuleAction.WARN;
            default ->
                throw error(
                    required(fields, "action").value().mark(),
                    "action is " + Untrusted.quote(text) + " (expected deny or warn)");
          };
    }
    return new PolicyRule(
        name(required(fields, "name")),
        require,
        nonBlank(required(fields, "message")),
        action,
        item.mark(),
        required(fields, "require").value().mark());
  }

  /** The fields of a mapping, refusing unknown ones and requiring {@code required}. */
  private Map<String, YamlNode.Entry> fields(
      YamlNode node, String what, Set<String> known, Set<String> required) throws PolicyException {
    if (!(node instanceof YamlNode.Mapping mapping)) {
      throw error(node.mark(), what + " is " + node.kind() + " (expected a mapping)");
    }
    Map<String, YamlNode.Entry> fields = new LinkedHashMap<>();
    for (YamlNode.Entry entry : mapping.entries()) {
      if (!known.contains(entry.key())) {
        throw error(
            entry.keyMark(),
            "unknown field "
                + Untrusted.quote(entry.key())
                + " in "
                + what
                + " (expected "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
      fields.put(entry.key(), entry);
    }
    for (String name : required.stream().sorted().toList()) {
      if (!fields.containsKey(name)) {
        throw error(mapping.mark(), what + " has no " + name);
      }
    }
    return fields;
  }

  private static YamlNode.Entry required(Map<String, YamlNode.Entry> fields, String name) {
    YamlNode.Entry entry = fields.get(name);
    if (entry == null) {
      // fields() has checked every required field, and callers test optional ones first.
      throw new IllegalStateException("no field " + name);
    }
    return entry;
  }

  private List<YamlNode> list(YamlNode.@Nullable Entry entry) throws PolicyException {
    if (entry == null) {
      return List.of();
    }
    return switch (entry.value()) {
      case YamlNode.Sequence sequence -> sequence.items();
      case YamlNode.Scalar scalar when scalar.isNull() -> List.of();
      case YamlNode.Scalar scalar ->
          throw error(scalar.mark(), entry.key() + " is a value (expected a list)");
      case YamlNode.Mapping mapping ->
          throw error(mapping.mark(), entry.key() + " is a mapping (expected a list)");
    };
  }

  private String text(YamlNode.Entry entry) throws PolicyException {
    if (entry.value() instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
      return scalar.text();
    }
    throw error(
        entry.value().mark(), entry.key() + " is " + entry.value().kind() + " (expected text)");
  }

  private String nonBlank(YamlNode.Entry entry) throws PolicyException {
    String text = text(entry);
    if (text.isBlank()) {
      throw error(entry.value().mark(), entry.key() + " is blank");
    }
    return text;
  }

  private String name(YamlNode.Entry entry) throws PolicyException {
    String text = text(entry);
    if (!NAME.matcher(text).matches()) {
      throw error(
          entry.value().mark(),
          "name "
              + Untrusted.quote(text)
              + " is not a name (expected lowercase letters, digits and dashes, at most 64,"
              + " e.g. no-dangerous-code)");
    }
    return text;
  }

  private PolicyException error(Mark mark, String problem) {
    return new PolicyException(file, mark, problem);
  }
}
