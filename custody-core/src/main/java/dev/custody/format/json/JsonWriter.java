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
 * Writes a {@link JsonValue} tree as UTF-8 JSON, indented by two spaces, members in the tree's
 * order, ending with a newline: the same tree always gives the same bytes.
 */
public final class JsonWriter {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private JsonWriter() {}

  /** The bytes of {@code value}. */
  public static byte[] write(JsonValue value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      generator.setPrettyPrinter(
          new DefaultPrettyPrinter(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
              .withObjectIndenter(indenter)
              .withArrayIndenter(indenter));
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static void write(JsonGenerator generator, JsonValue value) throws IOException {
    switch (value) {
      case JsonValue.JsonObject object -> {
        generator.writeStartObject();
        for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
          generator.writeFieldName(member.getKey());
          write(generator, member.getValue());
        }
        generator.writeEndObject();
      }
      case JsonValue.JsonArray array -> {
        generator.writeStartArray();
        for (JsonValue item : array.items()) {
          write(generator, item);
        }
        generator.writeEndArray();
      }
      case JsonValue.JsonString string -> generator.writeString(string.value());
      case JsonValue.JsonNumber number -> generator.writeNumber(number.value());
      case JsonValue.JsonBoolean bool -> generator.writeBoolean(bool.value());
      case JsonValue.JsonNull nothing -> generator.writeNull();
    }
  }
}
