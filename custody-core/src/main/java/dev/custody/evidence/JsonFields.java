package dev.custody.evidence;

import dev.custody.format.json.JsonValue;
import dev.custody.internal.Untrusted;
import java.util.List;
import java.util.Set;

/**
 * A JSON object of the evidence schema read strictly: every field must be known and of its type,
 * and errors name the field by JSON pointer.
 */
final class JsonFields {
  private final JsonValue.JsonObject node;
  private final String pointer;

  private JsonFields(JsonValue.JsonObject node, String pointer) {
    this.node = node;
    this.pointer = pointer;
  }

  static JsonFields of(JsonValue value, String pointer) throws MalformedEvidenceException {
    if (!(value instanceof JsonValue.JsonObject object)) {
      throw new MalformedEvidenceException(
          at(pointer) + " is " + value.kind() + " (expected an object)");
    }
    return new JsonFields(object, pointer);
  }

  /** Refuses fields outside {@code known}, and requires {@code required}. */
  JsonFields exactly(Set<String> known, Set<String> required) throws MalformedEvidenceException {
    for (String name : node.members().keySet()) {
      if (!known.contains(name)) {
        throw new MalformedEvidenceException(
            "unknown field "
                + Untrusted.quote(name)
                + " at "
                + at(pointer)
                + " (expected only "
                + String.join(", ", known.stream().sorted().toList())
                + "); was it written by a newer custody?");
      }
    }
    for (String name : required) {
      if (!node.members().containsKey(name)) {
        throw new MalformedEvidenceException("missing field " + at(pointer + "/" + name));
      }
    }
    return this;
  }

  boolean has(String name) {
    return node.members().containsKey(name);
  }

  JsonValue get(String name) throws MalformedEvidenceException {
    JsonValue value = node.members().get(name);
    if (value == null) {
      throw new MalformedEvidenceException("missing field " + at(pointer + "/" + name));
    }
    return value;
  }

  String pointer(String name) {
    return pointer + "/" + name;
  }

  String string(String name) throws MalformedEvidenceException {
    if (get(name) instanceof JsonValue.JsonString text) {
      return text.value();
    }
    throw wrongType(name, "a string");
  }

  boolean bool(String name) throws MalformedEvidenceException {
    if (get(name) instanceof JsonValue.JsonBoolean value) {
      return value.value();
    }
    throw wrongType(name, "a boolean");
  }

  long count(String name) throws MalformedEvidenceException {
    if (get(name) instanceof JsonValue.JsonNumber number) {
      try {
        long value = number.value().longValueExact();
        if (value >= 0) {
          return value;
        }
      } catch (ArithmeticException e) {
        // fall through to the error below
      }
    }
    throw wrongType(name, "a whole number of 0 or more");
  }

  JsonFields object(String name) throws MalformedEvidenceException {
    return of(get(name), pointer(name));
  }

  List<JsonValue> array(String name) throws MalformedEvidenceException {
    if (get(name) instanceof JsonValue.JsonArray array) {
      return array.items();
    }
    throw wrongType(name, "an array");
  }

  JsonValue.JsonObject node() {
    return node;
  }

  MalformedEvidenceException wrongType(String name, String expected) {
    JsonValue value = node.members().get(name);
    String kind = value == null ? "missing" : value.kind();
    return new MalformedEvidenceException(
        at(pointer(name)) + " is " + kind + " (expected " + expected + ")");
  }

  MalformedEvidenceException invalid(String name, IllegalArgumentException e) {
    return new MalformedEvidenceException(at(pointer(name)) + ": " + e.getMessage(), e);
  }

  static String at(String pointer) {
    return pointer.isEmpty() ? "the document" : Untrusted.quote(pointer);
  }
}
