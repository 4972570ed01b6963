package dev.custody.scan;

import dev.custody.format.protobuf.MalformedProtoException;
import dev.custody.format.protobuf.ProtoReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Prints a binary SavedModel as protobuf text format, the way TensorFlow's {@code
 * saved_model.pbtxt} looks (field names from TensorFlow's protos), for the fields custody reads. It
 * varies the syntax TensorFlow's parser accepts (a colon before some messages, angle brackets,
 * single quotes, octal and hex escapes, comments) so the text reader meets all of it.
 */
final class SavedModelText {
  private record Name(String name, String type) {}

  private static final Map<String, Map<Integer, Name>> SCHEMA =
      Map.ofEntries(
          Map.entry("SavedModel", Map.of(2, new Name("meta_graphs", "MetaGraphDef"))),
          Map.entry("MetaGraphDef", Map.of(2, new Name("graph_def", "GraphDef"))),
          Map.entry(
              "GraphDef",
              Map.of(1, new Name("node", "NodeDef"), 2, new Name("library", "FunctionDefLibrary"))),
          Map.entry("FunctionDefLibrary", Map.of(1, new Name("function", "FunctionDef"))),
          Map.entry(
              "FunctionDef",
              Map.of(1, new Name("signature", "OpDef"), 3, new Name("node_def", "NodeDef"))),
          Map.entry("OpDef", Map.of(1, new Name("name", ""))),
          Map.entry(
              "NodeDef",
              Map.of(
                  1, new Name("name", ""),
                  2, new Name("op", ""),
                  3, new Name("input", ""),
                  5, new Name("attr", "AttrEntry"))),
          Map.entry("AttrEntry", Map.of(1, new Name("key", ""), 2, new Name("value", "AttrValue"))),
          Map.entry(
              "AttrValue",
              Map.of(
                  1, new Name("list", "ListValue"),
                  2, new Name("s", ""),
                  8, new Name("tensor", "TensorProto"),
                  10, new Name("func", "NameAttrList"))),
          Map.entry(
              "ListValue",
              Map.of(
                  2, new Name("s", ""),
                  8, new Name("tensor", "TensorProto"),
                  9, new Name("func", "NameAttrList"))),
          Map.entry(
              "NameAttrList", Map.of(1, new Name("name", ""), 2, new Name("attr", "AttrEntry"))),
          Map.entry("TensorProto", Map.of(8, new Name("string_val", ""))));

  private SavedModelText() {}

  static byte[] print(byte[] pb) {
    StringBuilder out = new StringBuilder("# printed from a binary SavedModel\n");
    out.append("saved_model_schema_version: 1\n");
    try {
      message(
          ProtoReader.of(ByteBuffer.wrap(pb), new ProtoReader.Budget(64, 1_000_000, 1 << 20)),
          "SavedModel",
          out,
          "");
    } catch (MalformedProtoException e) {
      throw new IllegalArgumentException("not a protobuf: " + e.getMessage(), e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void message(ProtoReader r, String type, StringBuilder out, String indent)
      throws MalformedProtoException {
    Map<Integer, Name> fields = SCHEMA.getOrDefault(type, Map.of());
    int count = 0;
    while (r.next()) {
      Name name = fields.get(r.field());
      if (name == null || !r.isLengthDelimited()) {
        r.skip();
        continue;
      }
      out.append(indent).append(name.name());
      if (name.type().isEmpty()) {
        out.append(": ").append(quoted(r.bytes(1 << 20), name.name().equals("input"))).append('\n');
        continue;
      }
      boolean angle = name.type().equals("TensorProto");
      out.append(count++ % 2 == 0 ? " " : ": ").append(angle ? "<\n" : "{\n");
      message(r.message(), name.type(), out, indent + "  ");
      out.append(indent).append(angle ? ">\n" : "}\n");
    }
  }

  private static String quoted(byte[] value, boolean single) {
    char q = single ? '\'' : '"';
    StringBuilder s = new StringBuilder().append(q);
    for (int i = 0; i < value.length; i++) {
      int c = value[i] & 0xff;
      if (c == q || c == '\\') {
        s.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        s.append((char) c);
      } else if (i % 2 == 0) {
        s.append('\\').append(Integer.toOctalString(c | 0x200).substring(1));
      } else {
        s.append("\\x").append(Integer.toHexString(c | 0x100).substring(1));
      }
    }
    return s.append(q).toString();
  }
}
