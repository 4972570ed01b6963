package dev.custody.format.oms;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.internal.Untrusted;
import dev.custody.model.Bytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
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
  private static final int MAX_NESTING = 32;

  /** Numbers in a bundle are sizes and times; longer digit strings are refused before parsing. */
  private static final int MAX_NUMBER_LENGTH = 32;

  private final ObjectNode node;
  private final String pointer;

  private StrictObject(ObjectNode node, String pointer) {
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
    if (json.length > maxBytes) {
      throw new MalformedBundleException(
          what + " is " + json.length + " bytes, more than the limit of " + maxBytes + " bytes");
    }
    JsonNode root;
    try {
      root = mapper(maxBytes).readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedBundleException(
          what + " is not valid JSON: " + describe(e) + " (expected one strict JSON object)", e);
    } catch (IOException e) {
      throw new MalformedBundleException(what + " could not be read: " + e.getMessage(), e);
    } catch (NumberFormatException | ArithmeticException e) {
      // Jackson reports a number whose exponent does not fit (1e5546283749) this way; found by
      // BundleReaderFuzzTest.
      throw new MalformedBundleException(
          what
              + " is not valid JSON: a number is out of range ("
              + Untrusted.escape(String.valueOf(e.getMessage()))
              + ")",
          e);
    }
    if (root == null || root.isMissingNode()) {
      throw new MalformedBundleException(
          what + " is empty (expected one JSON object); the file was cut short or never written");
    }
    if (!(root instanceof ObjectNode object)) {
      throw new MalformedBundleException(
          what + " is not a JSON object (found " + kind(root) + "; expected {...})");
    }
    return new StrictObject(object, "");
  }

  private static ObjectMapper mapper(int maxBytes) {
    StreamReadConstraints limits =
        StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(maxBytes)
            .maxDocumentLength(maxBytes)
            .build();
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();
    mapper.getFactory().setStreamReadConstraints(limits);
    mapper.getFactory().disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION);
    return mapper;
  }

  private static String describe(JsonProcessingException e) {
    var location = e.getLocation();
    String where =
        location == null
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return Untrusted.escape(String.valueOf(e.getOriginalMessage())) + where;
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
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
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

  /** Whether the field is present with a non-null value. */
  boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  /** The names of the fields present, in document order. */
  List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  String string(String name) throws MalformedBundleException {
    return text(required(name), name);
  }

  @Nullable String optionalString(String name) throws MalformedBundleException {
    return has(name) ? text(required(name), name) : null;
  }

  StrictObject object(String name) throws MalformedBundleException {
    return asObject(required(name), pointer(name));
  }

  List<JsonNode> array(String name) throws MalformedBundleException {
    JsonNode value = required(name);
    if (!value.isArray()) {
      throw wrongType(name, value, "an array");
    }
    List<JsonNode> items = new ArrayList<>(value.size());
    value.elements().forEachRemaining(items::add);
    return items;
  }

  /** The array field, or an empty list when it is absent. */
  List<JsonNode> optionalArray(String name) throws MalformedBundleException {
    return has(name) ? array(name) : List.of();
  }

  boolean bool(String name) throws MalformedBundleException {
    JsonNode value = required(name);
    if (!value.isBoolean()) {
      throw wrongType(name, value, "true or false");
    }
    return value.booleanValue();
  }

  /** The raw node of a field, for the few fields whose type varies (numbers). */
  JsonNode node(String name) throws MalformedBundleException {
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

  /** The element {@code index} of array field {@code name}, as a strict object. */
  static StrictObject element(JsonNode item, String arrayPointer, int index)
      throws MalformedBundleException {
    return asObject(item, arrayPointer + "/" + index);
  }

  private JsonNode required(String name) throws MalformedBundleException {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new MalformedBundleException("missing field " + pointer(name));
    }
    return value;
  }

  private String text(JsonNode value, String name) throws MalformedBundleException {
    if (!value.isTextual()) {
      throw wrongType(name, value, "a string");
    }
    return value.textValue();
  }

  private MalformedBundleException wrongType(String name, JsonNode value, String expected) {
    return new MalformedBundleException(
        pointer(name) + " is " + kind(value) + " (expected " + expected + ")");
  }

  private static StrictObject asObject(JsonNode value, String pointer)
      throws MalformedBundleException {
    if (!(value instanceof ObjectNode object)) {
      throw new MalformedBundleException(
          pointer + " is " + kind(value) + " (expected a JSON object)");
    }
    return new StrictObject(object, pointer);
  }

  static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      case BINARY -> "binary data";
    };
  }
}
