package dev.custody.format.oms;

import dev.custody.format.json.JsonLimits;
import dev.custody.format.json.JsonReader;
import dev.custody.format.json.JsonValue;
import dev.custody.format.json.MalformedJsonException;
import dev.custody.internal.Untrusted;
import dev.custody.model.Bytes;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object read strictly: unknown fields, wrong types and missing fields are errors that name
 * the field by its JSON pointer. Both the bundle and the statement are read through this, so the
 * rules (and the messages) are the same everywhere.
 */
final class StrictObject {
  /** Deep enough for any bundle; a deeper document is hostile or broken. */
  private static final int MAX_DEPTH = 32;

  /**
   * Values in one document: a statement of 100,000 resources (the resource limit) has about
   * 400,000; a little more bounds the tree a hostile document can make.
   */
  private static final int MAX_VALUES = 500_000;

  private final JsonValue.JsonObject node;
  private final String pointer;

  private StrictObject(JsonValue.JsonObject node, String pointer) {
    this.node = node;
    this.pointer = pointer;
  }

  /**
   * Parses {@code json} as one JSON object, refusing duplicate keys, trailing content and anything
   * beyond the limits.
   *
   * @param what what the document is, for messages ("signature bundle", "signed statement")
   */
  static StrictObject parse(byte[] json, String what, int maxBytes)
      throws MalformedBundleException {
    if (json.length == 0) {
      throw new MalformedBundleException(
          what + " is empty (expected one JSON object); the file was cut short or never written");
    }
    JsonValue root;
    try {
      root = JsonReader.read(json, new JsonLimits(maxBytes, MAX_DEPTH, MAX_VALUES));
    } catch (MalformedJsonException e) {
      throw new MalformedBundleException(
          what + " is not strict JSON: " + e.getMessage() + " (expected one JSON object)", e);
    }
    return asObject(root, "");
  }

  /** The pointer of this object, {@code /} for the root. */
  String pointer() {
    return pointer.isEmpty() ? "/" : pointer;
  }

  /** The pointer of field {@code name} of this object. */
  String pointer(String name) {
    return pointer + "/" + name;
  }

  /** Refuses any field not in {@code allowed}: a strict reader never skips what it cannot check. */
  void allowOnly(Set<String> allowed) throws MalformedBundleException {
    for (String name : node.members().keySet()) {
      if (!allowed.contains(name)) {
        throw new MalformedBundleException(
            "unknown field "
                + Untrusted.quote(name)
                + " at "
                + pointer()
                + " (expected only "
                + String.join(", ", allowed.stream().sorted().toList())
                + "); the file was altered or made by a signer custody does not know");
      }
    }
  }

  /** Every member, in document order (for maps whose keys are data, not field names). */
  java.util.Map<String, JsonValue> members() {
    return node.members();
  }

  /** Whether the field is present with a non-null value. */
  boolean has(String name) {
    JsonValue value = node.members().get(name);
    return value != null && !(value instanceof JsonValue.JsonNull);
  }

  String string(String name) throws MalformedBundleException {
    return text(required(name), pointer(name));
  }

  @Nullable String optionalString(String name) throws MalformedBundleException {
    return has(name) ? string(name) : null;
  }

  StrictObject object(String name) throws MalformedBundleException {
    return asObject(required(name), pointer(name));
  }

  List<JsonValue> array(String name) throws MalformedBundleException {
    JsonValue value = required(name);
    if (!(value instanceof JsonValue.JsonArray array)) {
      throw wrongType(pointer(name), value, "an array");
    }
    return array.items();
  }

  /** The array field, or an empty list when it is absent. */
  List<JsonValue> optionalArray(String name) throws MalformedBundleException {
    return has(name) ? array(name) : List.of();
  }

  boolean bool(String name) throws MalformedBundleException {
    JsonValue value = required(name);
    if (!(value instanceof JsonValue.JsonBoolean bool)) {
      throw wrongType(pointer(name), value, "true or false");
    }
    return bool.value();
  }

  /** The raw value of a field, for the few fields whose type varies (numbers). */
  JsonValue node(String name) throws MalformedBundleException {
    return required(name);
  }

  /** A standard base64 (RFC 4648 §4, padded) field, as protobuf's JSON mapping writes bytes. */
  Bytes base64(String name) throws MalformedBundleException {
    String text = string(name);
    try {
      return Bytes.copyOf(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new MalformedBundleException(
          pointer(name)
              + " is not standard base64 ("
              + Untrusted.escape(String.valueOf(e.getMessage()))
              + ")",
          e);
    }
  }

  /** Item {@code index} of an array at {@code arrayPointer}, as a strict object. */
  static StrictObject element(JsonValue item, String arrayPointer, int index)
      throws MalformedBundleException {
    return asObject(item, arrayPointer + "/" + index);
  }

  /** A string value at {@code pointer}. */
  static String text(JsonValue value, String pointer) throws MalformedBundleException {
    if (!(value instanceof JsonValue.JsonString string)) {
      throw wrongType(pointer, value, "a string");
    }
    return string.value();
  }

  private JsonValue required(String name) throws MalformedBundleException {
    JsonValue value = node.members().get(name);
    if (value == null || value instanceof JsonValue.JsonNull) {
      throw new MalformedBundleException("missing field " + pointer(name));
    }
    return value;
  }

  private static MalformedBundleException wrongType(
      String pointer, JsonValue value, String expected) {
    return new MalformedBundleException(
        pointer + " is " + value.kind() + " (expected " + expected + ")");
  }

  private static StrictObject asObject(JsonValue value, String pointer)
      throws MalformedBundleException {
    if (!(value instanceof JsonValue.JsonObject object)) {
      throw wrongType(pointer.isEmpty() ? "the document" : pointer, value, "a JSON object");
    }
    return new StrictObject(object, pointer);
  }
}
