package dev.custody.format.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.custody.internal.Untrusted;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads one JSON document into a {@link JsonValue} tree with Jackson's streaming parser (no object
 * mapper: nothing is bound to classes, and start-up stays cheap). Duplicate keys, trailing content,
 * comments, non-standard literals, and documents beyond the {@link JsonLimits} are refused.
 */
public final class JsonReader {
  /** Numbers in the formats custody reads are sizes, offsets and times. */
  private static final int MAX_NUMBER_LENGTH = 64;

  private final JsonParser parser;
  private final JsonLimits limits;
  private int values;

  private JsonReader(JsonParser parser, JsonLimits limits) {
    this.parser = parser;
    this.limits = limits;
  }

  /**
   * Reads {@code json} (UTF-8).
   *
   * @throws MalformedJsonException saying where the document breaks the rules or a limit
   */
  public static JsonValue read(byte[] json, JsonLimits limits) throws MalformedJsonException {
    if (json.length == 0) {
      throw new MalformedJsonException("it is empty; the file was cut short or never written");
    }
    if (json.length > limits.maxBytes()) {
      throw new MalformedJsonException(
          "it is " + json.length + " bytes, more than the limit of " + limits.maxBytes());
    }
    try (JsonParser parser = factory(limits).createParser(json)) {
      JsonReader reader = new JsonReader(parser, limits);
      JsonValue value = reader.value(parser.nextToken());
      if (parser.nextToken() != null) {
        throw reader.error("content after the end of the document");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new MalformedJsonException(describe(e), e);
    } catch (IOException e) {
      throw new MalformedJsonException("it could not be read: " + e.getMessage(), e);
    }
  }

  private static JsonFactory factory(JsonLimits limits) {
    return JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(limits.maxBytes())
                .maxDocumentLength(limits.maxBytes())
                .build())
        .build();
  }

  private JsonValue value(@Nullable JsonToken token) throws IOException, MalformedJsonException {
    if (token == null) {
      throw error("the document ends early");
    }
    if (++values > limits.maxValues()) {
      throw error("more than " + limits.maxValues() + " values");
    }
    return switch (token) {
      case START_OBJECT -> object();
      case START_ARRAY -> array();
      case VALUE_STRING -> new JsonValue.JsonString(parser.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number();
      case VALUE_TRUE -> new JsonValue.JsonBoolean(true);
      case VALUE_FALSE -> new JsonValue.JsonBoolean(false);
      case VALUE_NULL -> new JsonValue.JsonNull();
      case END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE ->
          throw error("unexpected " + token);
    };
  }

  /** Exactly as written; an exponent too large for BigDecimal ({@code 1e5546283749}) is refused. */
  private JsonValue number() throws IOException, MalformedJsonException {
    try {
      return new JsonValue.JsonNumber(parser.getDecimalValue());
    } catch (NumberFormatException | ArithmeticException e) {
      throw error("a number is out of range (" + Untrusted.escape(parser.getText()) + ")");
    }
  }

  private JsonValue object() throws IOException, MalformedJsonException {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; ) {
      if (token != JsonToken.FIELD_NAME) {
        throw error("expected a field name");
      }
      String name = parser.currentName();
      members.put(name, value(parser.nextToken()));
      token = parser.nextToken();
    }
    return new JsonValue.JsonObject(members);
  }

  private JsonValue array() throws IOException, MalformedJsonException {
    List<JsonValue> items = new ArrayList<>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; ) {
      items.add(value(token));
      token = parser.nextToken();
    }
    return new JsonValue.JsonArray(items);
  }

  private MalformedJsonException error(String what) {
    return new MalformedJsonException(what + at(parser.currentLocation()));
  }

  private static String describe(JsonProcessingException e) {
    // Jackson quotes names with ' itself; escaping keeps control characters out, not its quotes.
    return Untrusted.escape(String.valueOf(e.getOriginalMessage())).replace("\\'", "'")
        + at(e.getLocation());
  }

  private static String at(@Nullable JsonLocation location) {
    return location == null
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
