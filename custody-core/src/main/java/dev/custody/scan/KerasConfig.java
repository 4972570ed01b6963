package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.finding.Severity;
import dev.custody.format.json.JsonLimits;
import dev.custody.format.json.JsonReader;
import dev.custody.format.json.JsonValue;
import dev.custody.format.json.MalformedJsonException;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Judges a Keras model config (Keras 3 {@code config.json}, or the {@code model_config} and {@code
 * training_config} of a legacy {@code .h5}) for what runs code when Keras loads it. Every object in
 * the tree is judged, wherever it sits (layers of nested models, compile configs, inbound node
 * arguments, every occurrence of a shared object), since a loader may read any of them: {@code
 * __lambda__} objects and legacy Lambda bytecode (KERAS-001), non-modeling Keras functions
 * (KERAS-002), modules outside Keras (KERAS-003, ranked by the pickle denylist; KERAS-004 when
 * registered), TorchModuleWrapper pickles, which are scanned too (KERAS-005), and URLs (KERAS-006).
 * One instance judges one config.
 */
final class KerasConfig {
  /** Findings kept per config; a hostile config could otherwise produce millions. */
  static final int MAX_FINDINGS = 1_000;

  /** Real configs are kilobytes to a few megabytes; nesting follows the model's nesting. */
  static final JsonLimits LIMITS = new JsonLimits(64 << 20, 512, 4_000_000);

  private static final List<String> REMOTE_SCHEMES =
      List.of("http://", "https://", "ftp://", "hf://", "gs://", "s3://");

  /** Keras's own serialized values: no module is resolved for them. */
  private static final Set<String> VALUE_CLASSES =
      Set.of(
          "__keras_tensor__", "__tensor__", "__numpy__", "__bytes__", "__ellipsis__", "__slice__");

  private final RuleBook rules = RuleBook.standard();
  private final KerasNames names = KerasNames.standard();
  private final GlobalPolicy policy = GlobalPolicy.standard();
  private final NestedScanner nested;
  private final List<Finding> findings = new ArrayList<>();
  private final Set<String> reported = new HashSet<>();
  private final List<ScanResult> parts = new ArrayList<>();
  private final Deque<String> pointer = new ArrayDeque<>();
  private final Deque<String> layers = new ArrayDeque<>();
  private boolean completed = true;

  private KerasConfig(NestedScanner nested) {
    this.nested = nested;
  }

  /** Reads the config in {@code json} (position to limit, UTF-8) and judges it. */
  static ScanResult scan(ByteBuffer json, NestedScanner nested) {
    if (json.remaining() > LIMITS.maxBytes()) {
      return stopped(
          KerasRule.LIMIT_REACHED,
          "Keras config",
          "The config is "
              + json.remaining()
              + " bytes, more than the limit of "
              + LIMITS.maxBytes()
              + ".");
    }
    byte[] bytes = new byte[json.remaining()];
    json.duplicate().get(bytes);
    return scan(bytes, nested);
  }

  /** Reads the config text of an HDF5 attribute and judges it. */
  static ScanResult scan(String json, NestedScanner nested) {
    return scan(json.getBytes(StandardCharsets.UTF_8), nested);
  }

  private static ScanResult scan(byte[] json, NestedScanner nested) {
    JsonValue root;
    try {
      root = JsonReader.read(json, LIMITS);
    } catch (MalformedJsonException e) {
      return stopped(
          KerasRule.UNREADABLE_CONFIG,
          "Keras config",
          "The config is not JSON custody reads: " + e.getMessage() + ".");
    }
    return judge(root, nested);
  }

  /** Judges a config already read. */
  static ScanResult judge(JsonValue root, NestedScanner nested) {
    KerasConfig judge = new KerasConfig(nested);
    judge.walk(root);
    List<ScanResult> all = new ArrayList<>(judge.parts);
    all.add(new ScanResult(judge.findings, judge.completed));
    return ScanResult.combine(all);
  }

  /** An incomplete result with one finding saying why. */
  static ScanResult stopped(KerasRule which, String subject, String detail) {
    return new ScanResult(
        List.of(RuleBook.standard().rule(which.id()).finding(Location.at(0), subject, detail)),
        false);
  }

  private void walk(JsonValue value) {
    switch (value) {
      case JsonValue.JsonObject o -> {
        @Nullable String layer = layerName(o);
        if (layer != null) {
          layers.push(layer);
        }
        judgeObject(o);
        for (Map.Entry<String, JsonValue> member : o.members().entrySet()) {
          pointer.addLast(member.getKey());
          walk(member.getValue());
          pointer.removeLast();
        }
        if (layer != null) {
          layers.pop();
        }
      }
      case JsonValue.JsonArray a -> {
        for (int i = 0; i < a.items().size(); i++) {
          pointer.addLast(Integer.toString(i));
          walk(a.items().get(i));
          pointer.removeLast();
        }
      }
      case JsonValue.JsonString s -> judgeString(s.value());
      case JsonValue.JsonNumber n -> {}
      case JsonValue.JsonBoolean b -> {}
      case JsonValue.JsonNull n -> {}
    }
  }

  private void judgeObject(JsonValue.JsonObject o) {
    @Nullable String className = text(o, "class_name");
    if (className == null) {
      return;
    }
    @Nullable String module = text(o, "module");
    @Nullable JsonValue config = o.members().get("config");
    switch (className) {
      case "__lambda__" -> lambda(config);
      case "function" -> {
        if (module != null && config instanceof JsonValue.JsonString name) {
          reference(module, name.value(), text(o, "registered_name"));
        }
      }
      case "__typespec__" -> {
        @Nullable String spec = text(o, "spec_name");
        if (module != null && spec != null && !isTensorFlowTypeSpec(module, spec)) {
          reference(module, spec, text(o, "registered_name"));
        }
      }
      default -> {
        if (VALUE_CLASSES.contains(className)) {
          return;
        }
        if (module != null) {
          reference(module, className, text(o, "registered_name"));
        }
        if (config instanceof JsonValue.JsonObject c) {
          if (className.equals("Lambda")) {
            legacyLambda(c);
          } else if (className.equals("TorchModuleWrapper")) {
            torchModule(c);
          }
        }
      }
    }
  }

  /** A {@code __lambda__} object: its config's code (Lambda layers) or value (anything else). */
  private void lambda(@Nullable JsonValue config) {
    @Nullable String code = null;
    if (config instanceof JsonValue.JsonObject c) {
      code = text(c, "code");
      code = code == null ? text(c, "value") : code;
    }
    bytecode(code, "a __lambda__ object");
  }

  /**
   * The tf.keras / Keras 2 Lambda forms: {@code function} (and {@code output_shape}) as a {@code
   * [code, defaults, closure]} list or a code string with {@code function_type} "lambda", or a
   * function name looked up in the module {@code module} names.
   */
  private void legacyLambda(JsonValue.JsonObject config) {
    legacyFunction(config, "function", "function_type", "module");
    legacyFunction(config, "output_shape", "output_shape_type", "output_shape_module");
  }

  private void legacyFunction(
      JsonValue.JsonObject config, String field, String typeField, String moduleField) {
    @Nullable JsonValue value = config.members().get(field);
    @Nullable String type = text(config, typeField);
    if (value instanceof JsonValue.JsonArray list
        && !list.items().isEmpty()
        && list.items().get(0) instanceof JsonValue.JsonString code) {
      bytecode(code.value(), "the Lambda's " + field + " (legacy list form)");
    } else if (value instanceof JsonValue.JsonString s) {
      @Nullable String module = text(config, moduleField);
      if ("lambda".equals(type)) {
        bytecode(s.value(), "the Lambda's " + field);
      } else if ("function".equals(type) && module != null) {
        reference(module, s.value(), null);
      }
    }
  }

  private void bytecode(@Nullable String code, String where) {
    String size =
        code == null ? "no code" : decodedLength(code) + " bytes of marshalled Python bytecode";
    add(
        KerasRule.LAMBDA_BYTECODE,
        layerSubject(),
        "The config holds " + size + " in " + where + " at " + here() + ".");
  }

  private static String decodedLength(String base64) {
    try {
      return Integer.toString(Base64.getMimeDecoder().decode(base64).length);
    } catch (IllegalArgumentException e) {
      return "undecodable (" + base64.length() + " characters of base64)";
    }
  }

  /** TorchModuleWrapper: {@code module} is base64 of a torch.save file; scan that file too. */
  private void torchModule(JsonValue.JsonObject config) {
    @Nullable String module = text(config, "module");
    if (module == null) {
      return;
    }
    byte[] saved;
    try {
      saved = Base64.getMimeDecoder().decode(module);
    } catch (IllegalArgumentException e) {
      add(
          KerasRule.PICKLED_TORCH_MODULE,
          layerSubject(),
          "The TorchModuleWrapper at " + here() + " holds a module that is not valid base64.");
      return;
    }
    add(
        KerasRule.PICKLED_TORCH_MODULE,
        layerSubject(),
        "The TorchModuleWrapper at "
            + here()
            + " holds a "
            + saved.length
            + "-byte torch.save file.");
    parts.add(nested.scan(ByteBuffer.wrap(saved), "TorchModuleWrapper module").inside(here()));
  }

  /**
   * A TypeSpec TensorFlow defines (tf.keras input signatures), unless some dotted component of the
   * pair is denylisted more narrowly than TensorFlow as a whole, or reaches into interpreter
   * internals.
   */
  private boolean isTensorFlowTypeSpec(String module, String spec) {
    if (!names.isTensorFlowTypeSpec(module, spec)) {
      return false;
    }
    return switch (policy.judge(module, spec)) {
      case GlobalVerdict.Allowed a -> true;
      case GlobalVerdict.Unknown u -> true;
      // The pickle denylist ranks all of TensorFlow (it reads and writes files) as a module; the
      // exact spec classes are the data descriptions tf.keras writes, so only a narrower entry
      // (a dangerous component of the path) still vetoes.
      case GlobalVerdict.Denied d -> d.matched().equals("tensorflow.*");
      case GlobalVerdict.Internals i -> false;
    };
  }

  /** An object or function named by module and name, as Keras resolves it. */
  private void reference(String module, String name, @Nullable String registered) {
    String dotted = module + "." + name;
    String subject = Untrusted.escape(dotted);
    if (names.isKeras(module)) {
      names
          .unsafe(dotted)
          .ifPresent(why ->
              add(
                  KerasRule.NON_MODELING_FUNCTION,
                  subject,
                  "The config at "
                      + here()
                      + " names "
                      + Untrusted.quote(dotted)
                      + ", which "
                      + why
                      + "."));
      return;
    }
    GlobalVerdict verdict = policy.judge(module, name);
    String detail = "The config at " + here() + " names " + Untrusted.quote(dotted);
    switch (verdict) {
      case GlobalVerdict.Denied d ->
          add(
              KerasRule.OUTSIDE_KERAS,
              d.severity(),
              subject,
              detail + ", which is on custody's denylist (" + d.matched() + ": " + d.why() + ").");
      case GlobalVerdict.Internals i ->
          add(
              KerasRule.OUTSIDE_KERAS,
              Severity.CRITICAL,
              subject,
              detail + ", which walks into interpreter internals (" + i.component() + ").");
      case GlobalVerdict.Allowed a -> outside(module, registered, subject, detail);
      case GlobalVerdict.Unknown u -> outside(module, registered, subject, detail);
    }
  }

  private void outside(String module, @Nullable String registered, String subject, String detail) {
    if (module.equals("builtins")) {
      // Keras maps builtins functions to its own activations and losses by name.
      return;
    }
    if (registered != null && !registered.isEmpty()) {
      add(
          KerasRule.REGISTERED_CUSTOM_OBJECT,
          subject,
          detail + ", registered as " + Untrusted.quote(registered) + ".");
    } else {
      add(KerasRule.OUTSIDE_KERAS, subject, detail + ", with no registration.");
    }
  }

  private void judgeString(String value) {
    for (String scheme : REMOTE_SCHEMES) {
      if (value.regionMatches(true, 0, scheme, 0, scheme.length())) {
        add(
            KerasRule.REMOTE_LOCATION,
            Untrusted.escape(value),
            "The string at " + here() + " is a URL.");
        return;
      }
    }
  }

  private void add(KerasRule which, String subject, String detail) {
    add(which, rules.rule(which.id()).severity(), subject, detail);
  }

  /** A finding at {@code severity}, which a denylist entry ranks. */
  private void add(KerasRule which, Severity severity, String subject, String detail) {
    if (!reported.add(which.id() + " " + subject + " " + detail)) {
      return;
    }
    if (findings.size() == MAX_FINDINGS) {
      completed = false;
      findings.add(
          rules
              .rule(KerasRule.LIMIT_REACHED.id())
              .finding(
                  Location.at(0),
                  "Keras config",
                  "The config produced more than "
                      + MAX_FINDINGS
                      + " findings; the rest are cut."));
      return;
    }
    if (findings.size() > MAX_FINDINGS) {
      return;
    }
    findings.add(rules.rule(which.id()).finding(severity, Location.at(0), subject, detail));
  }

  /** The JSON pointer of the value being judged, escaped for messages. */
  private String here() {
    StringBuilder out = new StringBuilder();
    for (String part : pointer) {
      out.append('/').append(part.replace("~", "~0").replace("/", "~1"));
    }
    return out.isEmpty() ? "/" : Untrusted.escape(out.toString());
  }

  private String layerSubject() {
    @Nullable String layer = layers.peek();
    return layer == null ? "Keras config" : "layer " + Untrusted.quote(layer);
  }

  private static @Nullable String layerName(JsonValue.JsonObject o) {
    if (text(o, "class_name") != null
        && o.members().get("config") instanceof JsonValue.JsonObject c) {
      return text(c, "name");
    }
    return null;
  }

  private static @Nullable String text(JsonValue.JsonObject o, String key) {
    return o.members().get(key) instanceof JsonValue.JsonString s ? s.value() : null;
  }
}
