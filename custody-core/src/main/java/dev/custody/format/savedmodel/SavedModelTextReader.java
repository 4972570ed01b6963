package dev.custody.format.savedmodel;

import dev.custody.format.protobuf.MalformedProtoException;
import dev.custody.format.protobuf.MalformedProtoException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code saved_model.pbtxt} (a {@code tensorflow.SavedModel} in protobuf text format, which
 * TensorFlow loads when {@code saved_model.pb} is missing) into the same {@link SavedModelGraph}
 * the binary reader gives, so the same rules judge it. It parses the text format (fields with or
 * without a colon, {@code {}} and {@code <>} messages, {@code [..]} lists, adjacent and escaped
 * strings in either quote, {@code #} comments, {@code ,}/{@code ;} separators, bracketed extension
 * names) and re-encodes the fields {@link SavedModelReader} reads, by their names in TensorFlow's
 * protos, as binary protobuf; every other field is parsed and dropped. Operation offsets are the
 * text offsets of their {@code node}/{@code node_def} names. Bounded by {@link #MAX_BYTES}, the
 * limits' depth, and the limits' field count as a token budget. Total: any bytes give a graph.
 */
public final class SavedModelTextReader {
  /** The largest text read; real ones are a few megabytes to a few hundred. */
  public static final int MAX_BYTES = 128 << 20;

  private enum Kind {
    STRING,
    MESSAGE
  }

  private record Field(int number, Kind kind, @Nullable String type) {}

  /** The fields {@link SavedModelReader} reads, by message type and text name. */
  private static final Map<String, Map<String, Field>> SCHEMA =
      Map.ofEntries(
          Map.entry("SavedModel", Map.of("meta_graphs", message(2, "MetaGraphDef"))),
          Map.entry("MetaGraphDef", Map.of("graph_def", message(2, "GraphDef"))),
          Map.entry(
              "GraphDef",
              Map.of("node", message(1, "NodeDef"), "library", message(2, "FunctionDefLibrary"))),
          Map.entry("FunctionDefLibrary", Map.of("function", message(1, "FunctionDef"))),
          Map.entry(
              "FunctionDef",
              Map.of("signature", message(1, "OpDef"), "node_def", message(3, "NodeDef"))),
          Map.entry("OpDef", Map.of("name", string(1))),
          Map.entry(
              "NodeDef",
              Map.of(
                  "name", string(1),
                  "op", string(2),
                  "input", string(3),
                  "attr", message(5, "AttrEntry"))),
          Map.entry("AttrEntry", Map.of("key", string(1), "value", message(2, "AttrValue"))),
          Map.entry(
              "AttrValue",
              Map.of(
                  "list", message(1, "ListValue"),
                  "s", string(2),
                  "tensor", message(8, "TensorProto"),
                  "func", message(10, "NameAttrList"))),
          Map.entry(
              "ListValue",
              Map.of(
                  "s", string(2),
                  "tensor", message(8, "TensorProto"),
                  "func", message(9, "NameAttrList"))),
          Map.entry("NameAttrList", Map.of("name", string(1), "attr", message(2, "AttrEntry"))),
          Map.entry("TensorProto", Map.of("string_val", string(8))));

  private static Field message(int number, String type) {
    return new Field(number, Kind.MESSAGE, type);
  }

  private static Field string(int number) {
    return new Field(number, Kind.STRING, null);
  }

  private final TextTokens tokens;
  private final int maxDepth;
  private final List<Long> nodeOffsets = new ArrayList<>();

  private SavedModelTextReader(ByteBuffer text, SavedModelLimits limits) {
    this.tokens = new TextTokens(text, limits.maxFields());
    this.maxDepth = limits.maxDepth();
  }

  /** Reads the text in {@code data} (position to limit); the buffer is untouched. */
  public static SavedModelGraph read(ByteBuffer data, SavedModelLimits limits) {
    if (data.remaining() > MAX_BYTES) {
      return new SavedModelGraph(
          0,
          List.of(),
          List.of(),
          new MalformedProtoException(
              Reason.LIMIT_EXCEEDED,
              0,
              "the text is " + data.remaining() + " bytes, more than the limit of " + MAX_BYTES));
    }
    SavedModelTextReader reader = new SavedModelTextReader(data.slice(), limits);
    byte[] binary;
    @Nullable MalformedProtoException failure = null;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      reader.fields("SavedModel", out, 1, true);
    } catch (MalformedProtoException e) {
      failure = e;
    }
    binary = out.toByteArray();
    SavedModelGraph graph = SavedModelReader.read(binary, limits);
    return reader.atTextOffsets(graph, failure);
  }

  /** Reads a whole byte array. */
  public static SavedModelGraph read(byte[] data, SavedModelLimits limits) {
    return read(ByteBuffer.wrap(data), limits);
  }

  /**
   * The binary reader's graph with each operation at its text offset (operations come out in the
   * order they were written, which is the text's order), and the text's own failure first.
   */
  private SavedModelGraph atTextOffsets(
      SavedModelGraph graph, @Nullable MalformedProtoException textFailure) {
    List<SavedModelGraph.Node> nodes = new ArrayList<>(graph.nodes().size());
    for (int i = 0; i < graph.nodes().size(); i++) {
      SavedModelGraph.Node n = graph.nodes().get(i);
      long at = i < nodeOffsets.size() ? nodeOffsets.get(i) : 0;
      nodes.add(
          new SavedModelGraph.Node(
              n.scope(),
              n.name(),
              n.op(),
              n.inputs(),
              n.stringAttributes(),
              n.functionRefs(),
              n.tensorStrings(),
              at));
    }
    @Nullable MalformedProtoException failure = textFailure;
    MalformedProtoException binaryFailure = graph.failure();
    if (failure == null && binaryFailure != null) {
      // A limit of the binary reader (operations, fields): say where the text had got to.
      failure =
          new MalformedProtoException(
              binaryFailure.reason(),
              nodeOffsets.isEmpty() ? 0 : nodeOffsets.getLast(),
              binaryFailure.getMessage());
    }
    return new SavedModelGraph(graph.metaGraphs(), nodes, graph.functions(), failure);
  }

  /**
   * Fields of a message of {@code type} (null: a field custody does not read, parsed and dropped)
   * up to {@code }} or {@code >} (or the end of the text at the top), written to {@code out}.
   */
  private void fields(@Nullable String type, ByteArrayOutputStream out, int depth, boolean top)
      throws MalformedProtoException {
    if (depth > maxDepth) {
      throw new MalformedProtoException(
          Reason.LIMIT_EXCEEDED,
          tokens.offset(),
          "messages nest deeper than " + maxDepth + " levels");
    }
    while (true) {
      TextTokens.Token t = tokens.next();
      if (t.kind() == TextTokens.Kind.END) {
        if (top) {
          return;
        }
        throw tokens.malformed(t, "the text ends inside a message");
      }
      if (!top && t.kind() == TextTokens.Kind.PUNCT && (t.is('}') || t.is('>'))) {
        tokens.push(t);
        return;
      }
      @Nullable Field field = fieldName(type, t);
      value(field, t.offset(), out, depth);
      TextTokens.Token sep = tokens.next();
      if (!(sep.is(',') || sep.is(';'))) {
        tokens.push(sep);
      }
    }
  }

  /** The field a name token names in {@code type}, or null when it is not read. */
  private @Nullable Field fieldName(@Nullable String type, TextTokens.Token t)
      throws MalformedProtoException {
    if (t.is('[')) {
      // An extension or Any type URL: [type.googleapis.com/tensorflow.X]; never read.
      TextTokens.Token name = tokens.next();
      while (!name.is(']')) {
        if (name.kind() == TextTokens.Kind.END) {
          throw tokens.malformed(name, "an extension name in [ ] is not closed");
        }
        name = tokens.next();
      }
      return null;
    }
    if (t.kind() != TextTokens.Kind.IDENTIFIER) {
      throw tokens.malformed(t, "expected a field name");
    }
    Map<String, Field> known = type == null ? null : SCHEMA.get(type);
    return known == null ? null : known.get(t.text());
  }

  /** After a field name: {@code : value}, {@code : [..]}, {@code {..}} or {@code : {..}}. */
  private void value(@Nullable Field field, long at, ByteArrayOutputStream out, int depth)
      throws MalformedProtoException {
    TextTokens.Token t = tokens.next();
    boolean colon = t.is(':');
    if (colon) {
      t = tokens.next();
    }
    if (t.is('[')) {
      TextTokens.Token next = tokens.next();
      if (next.is(']')) {
        return;
      }
      tokens.push(next);
      while (true) {
        single(field, tokens.next(), colon, at, out, depth);
        TextTokens.Token sep = tokens.next();
        if (sep.is(']')) {
          return;
        }
        if (!sep.is(',')) {
          throw tokens.malformed(sep, "expected , or ] in a list");
        }
      }
    }
    single(field, t, colon, at, out, depth);
  }

  private void single(
      @Nullable Field field,
      TextTokens.Token t,
      boolean colon,
      long at,
      ByteArrayOutputStream out,
      int depth)
      throws MalformedProtoException {
    if (t.is('{') || t.is('<')) {
      char close = t.is('{') ? '}' : '>';
      @Nullable Field read = field != null && field.kind() == Kind.MESSAGE ? field : null;
      if (read != null && "NodeDef".equals(read.type())) {
        nodeOffsets.add(at);
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      try {
        fields(read == null ? null : read.type(), body, depth + 1, false);
        TextTokens.Token end = tokens.next();
        if (!end.is(close)) {
          throw tokens.malformed(end, "expected " + close + " to close the message");
        }
      } finally {
        // Also when reading stopped inside: what was read so far is judged (fail closed, but
        // the findings made before the failure are reported, as for the binary form).
        if (read != null) {
          writeField(out, read.number(), body.toByteArray());
        }
      }
      return;
    }
    if (!colon) {
      throw tokens.malformed(t, "expected : before a scalar value");
    }
    switch (t.kind()) {
      case STRING -> {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(t.bytes());
        TextTokens.Token more = tokens.next();
        while (more.kind() == TextTokens.Kind.STRING) {
          joined.writeBytes(more.bytes());
          more = tokens.next();
        }
        tokens.push(more);
        if (field != null && field.kind() == Kind.STRING) {
          writeField(out, field.number(), joined.toByteArray());
        }
      }
      case IDENTIFIER, NUMBER -> {
        // Enums, booleans and numbers: nothing the binary reader keeps.
      }
      case PUNCT, END -> throw tokens.malformed(t, "expected a value");
    }
  }

  private static void writeField(ByteArrayOutputStream out, int number, byte[] body) {
    varint(out, ((long) number << 3) | 2);
    varint(out, body.length);
    out.writeBytes(body);
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
