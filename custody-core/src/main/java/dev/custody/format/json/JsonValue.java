package dev.custody.format.json;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A JSON value read by {@link JsonReader}: a closed set, so readers switch on it exhaustively. */
public sealed interface JsonValue
    permits JsonValue.JsonObject,
        JsonValue.JsonArray,
        JsonValue.JsonString,
        JsonValue.JsonNumber,
        JsonValue.JsonBoolean,
        JsonValue.JsonNull {

  /** What the value is, for messages: "an object", "a string"... */
  String kind();

  /**
   * An object; its members keep document order, and no name appears twice.
   *
   * @param members the members by name
   */
  record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    /** Copies the members, keeping their order. */
    public JsonObject {
      members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
    }

    @Override
    public String kind() {
      return "an object";
    }
  }

  /**
   * An array.
   *
   * @param items the items in order
   */
  record JsonArray(List<JsonValue> items) implements JsonValue {
    /** Copies the items. */
    public JsonArray {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "an array";
    }
  }

  /**
   * A string.
   *
   * @param value the decoded text
   */
  record JsonString(String value) implements JsonValue {
    @Override
    public String kind() {
      return "a string";
    }
  }

  /**
   * A number, exactly as written ({@code 16.0} stays distinguishable from {@code 16.5}).
   *
   * @param value the number
   */
  record JsonNumber(BigDecimal value) implements JsonValue {
    @Override
    public String kind() {
      return "a number";
    }
  }

  /**
   * {@code true} or {@code false}.
   *
   * @param value the boolean
   */
  record JsonBoolean(boolean value) implements JsonValue {
    @Override
    public String kind() {
      return "a boolean";
    }
  }

  /** {@code null}. */
  record JsonNull() implements JsonValue {
    @Override
    public String kind() {
      return "null";
    }
  }
}
