package dev.custody.format.huggingface;

import dev.custody.format.json.JsonLimits;
import dev.custody.format.json.JsonReader;
import dev.custody.format.json.JsonValue;
import dev.custody.format.json.MalformedJsonException;
import dev.custody.internal.Untrusted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads the architecture fields of a Hugging Face {@code config.json} with the strict, bounded
 * {@link JsonReader}. Other fields are ignored; a kept field of the wrong type is an error, and
 * {@code null} counts as absent (configs in the wild write {@code "architectures": null}).
 */
public final class ModelConfigReader {
  /** Real configs are a few KiB; tokenizer-laden ones reach a few hundred. */
  public static final JsonLimits LIMITS = new JsonLimits(4 << 20, 64, 200_000);

  /** The size fields an AI-BOM reports, across the common model families. */
  static final List<String> DIMENSIONS =
      List.of(
          "hidden_size",
          "intermediate_size",
          "max_position_embeddings",
          "n_embd",
          "n_head",
          "n_layer",
          "n_positions",
          "num_attention_heads",
          "num_hidden_layers",
          "num_key_value_heads",
          "vocab_size");

  private static final int MAX_ARCHITECTURES = 64;
  private static final int MAX_STRING = 256;

  private ModelConfigReader() {}

  /**
   * Reads {@code json}.
   *
   * @throws MalformedMetadataException if it is not strict JSON within {@link #LIMITS}, not an
   *     object, or a kept field has the wrong type
   */
  public static ModelConfig read(byte[] json) throws MalformedMetadataException {
    JsonValue root;
    try {
      root = JsonReader.read(json, LIMITS);
    } catch (MalformedJsonException e) {
      throw new MalformedMetadataException("config.json is not valid: " + e.getMessage(), e);
    }
    if (!(root instanceof JsonValue.JsonObject object)) {
      throw new MalformedMetadataException(
          "config.json holds " + root.kind() + "; expected an object of model settings");
    }
    Map<String, JsonValue> members = object.members();
    Map<String, String> dimensions = new TreeMap<>();
    for (String name : DIMENSIONS) {
      JsonValue value = members.get(name);
      if (value instanceof JsonValue.JsonNumber number) {
        dimensions.put(name, number.value().toPlainString());
      } else if (value != null && !(value instanceof JsonValue.JsonNull)) {
        throw wrongType(name, value, "a number");
      }
    }
    String dtype = string(members, "torch_dtype");
    return ModelConfig.of(
        architectures(members.get("architectures")),
        string(members, "model_type"),
        dtype != null ? dtype : string(members, "dtype"),
        string(members, "transformers_version"),
        dimensions);
  }

  private static List<String> architectures(@Nullable JsonValue value)
      throws MalformedMetadataException {
    List<String> names = new ArrayList<>();
    if (value == null || value instanceof JsonValue.JsonNull) {
      return names;
    }
    if (!(value instanceof JsonValue.JsonArray array)) {
      throw wrongType("architectures", value, "a list of class names");
    }
    if (array.items().size() > MAX_ARCHITECTURES) {
      throw new MalformedMetadataException(
          "config.json lists more than " + MAX_ARCHITECTURES + " architectures");
    }
    for (JsonValue item : array.items()) {
      if (!(item instanceof JsonValue.JsonString name)) {
        throw wrongType("architectures[]", item, "a class name");
      }
      names.add(checked("architectures[]", name.value()));
    }
    return names;
  }

  private static @Nullable String string(Map<String, JsonValue> members, String name)
      throws MalformedMetadataException {
    JsonValue value = members.get(name);
    if (value == null || value instanceof JsonValue.JsonNull) {
      return null;
    }
    if (!(value instanceof JsonValue.JsonString text)) {
      throw wrongType(name, value, "a string");
    }
    return checked(name, text.value());
  }

  private static String checked(String field, String value) throws MalformedMetadataException {
    if (value.length() > MAX_STRING || value.codePoints().anyMatch(Character::isISOControl)) {
      throw new MalformedMetadataException(
          "config.json field "
              + field
              + " holds "
              + Untrusted.quote(value)
              + "; expected a short single-line name");
    }
    return value;
  }

  private static MalformedMetadataException wrongType(
      String field, JsonValue value, String expected) {
    return new MalformedMetadataException(
        "config.json field " + field + " is " + value.kind() + "; expected " + expected);
  }
}
