package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.finding.Severity;
import dev.custody.format.json.JsonLimits;
import dev.custody.format.json.JsonReader;
import dev.custody.format.json.JsonValue;
import dev.custody.format.json.MalformedJsonException;
import dev.custody.format.protobuf.MalformedProtoException;
import dev.custody.format.savedmodel.KerasMetadataReader;
import dev.custody.format.savedmodel.KerasMetadataReader.KerasMetadata;
import dev.custody.format.savedmodel.KerasMetadataReader.KerasObject;
import dev.custody.format.savedmodel.SavedModelLimits;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Scans TF-Keras's {@code keras_metadata.pb}: every object's JSON is read strictly and searched for
 * Lambda layers at any depth (TF-009: bytecode is critical, a named module function high); JSON or
 * protobuf that cannot be read is reported (TF-010) and leaves the scan incomplete. Thread-safe.
 */
public final class KerasMetadataScanner {
  /** Largest JSON read per object; whole-model configs of big networks are a few MB. */
  static final int MAX_JSON_BYTES = 32 << 20;

  /** Findings kept per file. */
  static final int MAX_FINDINGS = 1_000;

  private static final JsonLimits JSON_LIMITS = new JsonLimits(MAX_JSON_BYTES, 128, 4_000_000);
  private static final java.util.Set<String> LAMBDA_CLASSES =
      java.util.Set.of("Lambda", "__lambda__");

  private final RuleBook rules = RuleBook.standard();

  private KerasMetadataScanner() {}

  /** The scanner. */
  public static KerasMetadataScanner standard() {
    return new KerasMetadataScanner();
  }

  /** Scans the file in {@code data} (position to limit). */
  public ScanResult scan(ByteBuffer data) {
    KerasMetadata metadata =
        KerasMetadataReader.read(data, SavedModelLimits.DEFAULT, MAX_JSON_BYTES);
    List<Finding> findings = new ArrayList<>();
    boolean completed = metadata.completed();
    for (KerasObject object : metadata.objects()) {
      if (findings.size() >= MAX_FINDINGS) {
        break;
      }
      String container = "object " + Untrusted.escape(object.nodePath());
      if (object.truncated()) {
        completed = false;
        findings.add(
            finding(
                SavedModelRule.KERAS_METADATA_UNREADABLE,
                null,
                container,
                object.offset(),
                "metadata",
                "The object's JSON is longer than the "
                    + MAX_JSON_BYTES
                    + " bytes custody reads."));
        continue;
      }
      if (object.metadata().isEmpty()) {
        continue;
      }
      try {
        JsonValue json =
            JsonReader.read(object.metadata().getBytes(StandardCharsets.UTF_8), JSON_LIMITS);
        lambdas(json, container, object.offset(), findings);
      } catch (MalformedJsonException e) {
        completed = false;
        findings.add(
            finding(
                SavedModelRule.KERAS_METADATA_UNREADABLE,
                null,
                container,
                object.offset(),
                "metadata",
                "The object's JSON could not be read: " + e.getMessage() + "."));
      }
    }
    MalformedProtoException failure = metadata.failure();
    if (failure != null) {
      findings.add(
          finding(
              SavedModelRule.KERAS_METADATA_UNREADABLE,
              null,
              "protobuf",
              failure.offset(),
              "protobuf",
              "Reading stopped: "
                  + failure.getMessage()
                  + ". Findings above were made before this point."));
    }
    findings.sort(Comparator.comparing(Finding::severity));
    return new ScanResult(findings, completed);
  }

  /** Every object with a Lambda class name, at any depth (nested models hold layers). */
  private void lambdas(JsonValue root, String container, long offset, List<Finding> findings) {
    Deque<JsonValue> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty() && findings.size() < MAX_FINDINGS) {
      switch (stack.pop()) {
        case JsonValue.JsonObject object -> {
          if (object.members().get("class_name") instanceof JsonValue.JsonString name
              && LAMBDA_CLASSES.contains(name.value())) {
            lambda(object, container, offset, findings);
          }
          object.members().values().forEach(stack::push);
        }
        case JsonValue.JsonArray array -> array.items().forEach(stack::push);
        default -> {}
      }
    }
  }

  private void lambda(
      JsonValue.JsonObject layer, String container, long offset, List<Finding> findings) {
    Map<String, JsonValue> config =
        layer.members().get("config") instanceof JsonValue.JsonObject c ? c.members() : Map.of();
    String name = config.get("name") instanceof JsonValue.JsonString s ? s.value() : "(unnamed)";
    String type =
        config.get("function_type") instanceof JsonValue.JsonString s ? s.value() : "lambda";
    boolean function = type.equals("function");
    String module = config.get("module") instanceof JsonValue.JsonString s ? s.value() : "";
    String detail =
        function
            ? "Lambda layer "
                + Untrusted.quote(name)
                + " calls a function of module "
                + Untrusted.quote(module)
                + " by name."
            : "Lambda layer "
                + Untrusted.quote(name)
                + " carries marshalled Python bytecode (function_type "
                + Untrusted.quote(type)
                + ").";
    findings.add(
        finding(
            SavedModelRule.KERAS_LAMBDA,
            function ? Severity.HIGH : null,
            container,
            offset,
            name,
            detail));
  }

  private Finding finding(
      SavedModelRule which,
      @org.jspecify.annotations.Nullable Severity ranked,
      String container,
      long offset,
      String subject,
      String detail) {
    Rule rule = rules.rule(which.id());
    return rule.finding(
        ranked == null ? rule.severity() : ranked,
        new Location(List.of(container), offset),
        Untrusted.escape(subject),
        detail);
  }
}
