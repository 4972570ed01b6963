package dev.custody.format.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes a {@link JsonValue} tree as UTF-8 JSON: members in their order, two-space indentation and
 * a final newline when pretty, so documents diff well and read the same on every machine.
 */
public final class JsonWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonWriter() {}

  /** The JSON text of {@code value}, indented, with a final newline. */
  public static byte[] write(JsonValue value) {
    return write(value, true);
  }

  /** The JSON text of {@code value}, indented when {@code pretty}. */
  public static byte[] write(JsonValue value, boolean pretty) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      if (pretty) {
        DefaultPrettyPrinter printer =
            new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSeparators(
                    Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        json.setPrettyPrinter(printer);
      }
      write(json, value);
    } catch (IOException e) {
      // A ByteArrayOutputStream does not fail.
      throw new UncheckedIOException(e);
    }
    if (pretty) {
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator json, JsonValue value) throws IOException {
    switch (value) {
      case JsonValue.JsonObject object -> {
        json.writeStartObject();
        for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
          json.writeFieldName(member.getKey());
          write(json, member.getValue());
        }
        json.writeEndObject();
      }
      case JsonValue.JsonArray array -> {
        json.writeStartArray();
        for (JsonValue item : array.items()) {
          write(json, item);
        }
        json.writeEndArray();
      }
      case JsonValue.JsonString string -> json.writeString(string.value());
      case JsonValue.JsonNumber number -> json.writeNumber(number.value());
      case JsonValue.JsonBoolean bool -> json.writeBoolean(bool.value());
      case JsonValue.JsonNull ignored -> json.writeNull();
    }
  }
}
