package dev.custody.cli;

import dev.custody.evidence.EvidenceJson;
import dev.custody.format.json.JsonValue;
import dev.custody.format.json.JsonValue.JsonArray;
import dev.custody.format.json.JsonValue.JsonBoolean;
import dev.custody.format.json.JsonValue.JsonObject;
import dev.custody.format.json.JsonValue.JsonString;
import dev.custody.format.json.JsonWriter;
import dev.custody.policy.Decision;
import dev.custody.policy.LookedAt;
import dev.custody.policy.RuleOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A decision for programs (docs/cli.md): the verdict, every rule's outcome, and the evidence. */
final class DecisionJson {
  private DecisionJson() {}

  static String render(Decision decision, String subject, String policyFile) {
    Map<String, JsonValue> root = new LinkedHashMap<>();
    root.put("decision", new JsonString(decision.allowed() ? "allow" : "deny"));
    root.put("allowed", new JsonBoolean(decision.allowed()));
    root.put("subject", new JsonString(subject));
    root.put("policy", new JsonString(decision.policy()));
    root.put("policyFile", new JsonString(policyFile));
    List<JsonValue> rules = new ArrayList<>();
    for (RuleOutcome outcome : decision.outcomes()) {
      rules.add(rule(outcome));
    }
    root.put("rules", new JsonArray(rules));
    root.put("evidence", EvidenceJson.toJson(decision.evidence()));
    return new String(JsonWriter.write(new JsonObject(root), true), StandardCharsets.UTF_8);
  }

  private static JsonValue rule(RuleOutcome outcome) {
    Map<String, JsonValue> out = new LinkedHashMap<>();
    out.put("name", new JsonString(outcome.rule()));
    out.put("action", new JsonString(outcome.action().label()));
    out.put("outcome", new JsonString(outcome.status().label()));
    out.put("denies", new JsonBoolean(outcome.denies()));
    out.put("message", new JsonString(outcome.message()));
    out.put("error", new JsonString(outcome.error()));
    List<JsonValue> values = new ArrayList<>();
    for (LookedAt value : outcome.lookedAt()) {
      Map<String, JsonValue> item = new LinkedHashMap<>();
      item.put("expression", new JsonString(value.expression()));
      item.put("value", new JsonString(value.value()));
      values.add(new JsonObject(item));
    }
    out.put("lookedAt", new JsonArray(values));
    return new JsonObject(out);
  }
}
