package dev.custody.bom;

import dev.custody.format.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small builder for the JSON-LD tree: members keep the order they are put in. */
final class JsonTree {
  private final Map<String, JsonValue> members = new LinkedHashMap<>();

  static JsonTree object(String type) {
    return new JsonTree().put("type", type);
  }

  JsonTree put(String name, String value) {
    members.put(name, new JsonValue.JsonString(value));
    return this;
  }

  JsonTree put(String name, JsonValue value) {
    members.put(name, value);
    return this;
  }

  JsonTree put(String name, JsonTree value) {
    members.put(name, value.build());
    return this;
  }

  /** Puts a list, unless it is empty (SPDX lists are optional, never empty). */
  JsonTree putAll(String name, List<?> values) {
    if (!values.isEmpty()) {
      members.put(name, array(values));
    }
    return this;
  }

  JsonValue.JsonObject build() {
    return new JsonValue.JsonObject(members);
  }

  static JsonValue.JsonArray array(List<?> values) {
    List<JsonValue> items = new ArrayList<>();
    for (Object value : values) {
      items.add(
          switch (value) {
            case String text -> new JsonValue.JsonString(text);
            case JsonTree tree -> tree.build();
            case JsonValue json -> json;
            default ->
                throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
          });
    }
    return new JsonValue.JsonArray(items);
  }
}
