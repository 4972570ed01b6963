package dev.custody.format.savedmodel;

import dev.custody.format.protobuf.MalformedProtoException;
import dev.custody.format.protobuf.ProtoReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a binary {@code saved_model.pb} (a {@code tensorflow.SavedModel}) without TensorFlow: every
 * meta graph ({@code SavedModel.meta_graphs}, field 2), its graph ({@code MetaGraphDef.graph_def},
 * 2), every operation ({@code GraphDef.node}, 1) and every function of the graph's library ({@code
 * GraphDef.library}, 2; {@code FunctionDefLibrary.function}, 1; {@code FunctionDef.signature.name}
 * and {@code FunctionDef.node_def}, 3), since ops hidden in a function run as soon as a call
 * reaches it. For each operation it keeps the strings a scanner needs: its inputs, string
 * attributes, the functions its attributes name ({@code AttrValue.func}, 10; {@code
 * ListValue.func}, 9) and the string elements of attribute tensors ({@code TensorProto.string_val},
 * 8). Every occurrence of a field is visited, so a sub-message written twice (which protobuf
 * merges) is seen whole; a scalar written twice keeps its last value, as protobuf does.
 */
public final class SavedModelReader {
  /** Fields walked, at most, to recognise a SavedModel (the default reading limit). */
  static final long RECOGNITION_FIELDS = SavedModelLimits.DEFAULT.maxFields();

  private final SavedModelLimits limits;
  private final List<SavedModelGraph.Node> nodes = new ArrayList<>();
  private final List<String> functions = new ArrayList<>();
  private int metaGraphs;
  private int operations;

  private SavedModelReader(SavedModelLimits limits) {
    this.limits = limits;
  }

  /** Reads the SavedModel in {@code data} (position to limit); the buffer is untouched. */
  public static SavedModelGraph read(ByteBuffer data, SavedModelLimits limits) {
    ByteBuffer buf = data.slice();
    SavedModelReader reader = new SavedModelReader(limits);
    MalformedProtoException failure = null;
    try {
      reader.savedModel(
          ProtoReader.of(
              buf,
              new ProtoReader.Budget(
                  limits.maxDepth(), limits.maxFields(), limits.maxStringBytes())));
    } catch (MalformedProtoException e) {
      failure = e;
    }
    return new SavedModelGraph(reader.metaGraphs, reader.nodes, reader.functions, failure);
  }

  /** Reads a whole byte array. */
  public static SavedModelGraph read(byte[] data, SavedModelLimits limits) {
    return read(ByteBuffer.wrap(data), limits);
  }

  /**
   * True when {@code data} (position to limit) is shaped like a binary SavedModel: its top-level
   * fields are only {@code saved_model_schema_version} (1, a varint) and {@code meta_graphs} (2,
   * messages), at least one meta graph holds only message fields numbered 1 to 9 and has a graph or
   * meta-info, and each graph's own fields are those of a {@code GraphDef}. An ONNX {@code
   * ModelProto} never matches: it always has a graph in field 7. Costs one pass over the top-level
   * fields of the file and of its graphs, without reading any operation.
   */
  public static boolean recognizes(ByteBuffer data) {
    ByteBuffer buf = data.slice();
    try {
      ProtoReader r = ProtoReader.of(buf, new ProtoReader.Budget(4, RECOGNITION_FIELDS, 16));
      boolean metaGraph = false;
      while (r.next()) {
        if (r.field() == 1 && r.wireType() == ProtoReader.VARINT) {
          r.varint();
        } else if (r.field() == 2 && r.isLengthDelimited() && isMetaGraph(r.message())) {
          metaGraph = true;
        } else {
          return false;
        }
      }
      return metaGraph;
    } catch (MalformedProtoException e) {
      return false;
    }
  }

  private static boolean isMetaGraph(ProtoReader r) throws MalformedProtoException {
    boolean content = false;
    while (r.next()) {
      if (!r.isLengthDelimited() || r.field() > 9) {
        return false;
      }
      if (r.field() == 2) {
        if (!isGraph(r.message())) {
          return false;
        }
        content = true;
      } else {
        content |= r.field() == 1;
        r.skip();
      }
    }
    return content;
  }

  private static boolean isGraph(ProtoReader r) throws MalformedProtoException {
    while (r.next()) {
      boolean fits =
          switch (r.field()) {
            case 1, 2, 4, 5 -> r.isLengthDelimited();
            case 3 -> r.wireType() == ProtoReader.VARINT;
            default -> false;
          };
      if (!fits) {
        return false;
      }
      r.skip();
    }
    return true;
  }

  private void savedModel(ProtoReader r) throws MalformedProtoException {
    while (r.next()) {
      if (r.field() == 2 && r.isLengthDelimited()) {
        metaGraph(r.message(), "meta graph " + metaGraphs++);
      } else {
        r.skip();
      }
    }
  }

  private void metaGraph(ProtoReader r, String scope) throws MalformedProtoException {
    while (r.next()) {
      if (r.field() == 2 && r.isLengthDelimited()) {
        graph(r.message(), scope);
      } else {
        r.skip();
      }
    }
  }

  private void graph(ProtoReader r, String scope) throws MalformedProtoException {
    while (r.next()) {
      if (r.field() == 1 && r.isLengthDelimited()) {
        nodes.add(node(r.fieldStart(), r.message(), scope));
      } else if (r.field() == 2 && r.isLengthDelimited()) {
        library(r.message(), scope);
      } else {
        r.skip();
      }
    }
  }

  private void library(ProtoReader r, String scope) throws MalformedProtoException {
    while (r.next()) {
      if (r.field() == 1 && r.isLengthDelimited()) {
        function(r.message(), scope);
      } else {
        r.skip();
      }
    }
  }

  /** A FunctionDef: its name may come after its body, so the body's scope is set at the end. */
  private void function(ProtoReader r, String scope) throws MalformedProtoException {
    String name = "";
    List<SavedModelGraph.Node> body = new ArrayList<>();
    while (r.next()) {
      if (r.field() == 1 && r.isLengthDelimited()) {
        name = signatureName(r.message(), name);
      } else if (r.field() == 3 && r.isLengthDelimited()) {
        body.add(node(r.fieldStart(), r.message(), scope));
      } else {
        r.skip();
      }
    }
    functions.add(name);
    String inside = scope + " > function '" + name + "'";
    for (SavedModelGraph.Node n : body) {
      nodes.add(n.in(inside));
    }
  }

  /** OpDef.name (field 1); a signature written twice is merged, so the last name wins. */
  private static String signatureName(ProtoReader r, String name) throws MalformedProtoException {
    String result = name;
    while (r.next()) {
      if (r.field() == 1) {
        result = text(r);
      } else {
        r.skip();
      }
    }
    return result;
  }

  private SavedModelGraph.Node node(int offset, ProtoReader r, String scope)
      throws MalformedProtoException {
    if (++operations > limits.maxNodes()) {
      throw new MalformedProtoException(
          MalformedProtoException.Reason.LIMIT_EXCEEDED,
          offset,
          "the model has more than " + limits.maxNodes() + " operations");
    }
    NodeStrings strings = new NodeStrings(limits.maxStringsPerNode());
    String name = "";
    String op = "";
    while (r.next()) {
      switch (r.field()) {
        case 1 -> name = text(r);
        case 2 -> op = text(r);
        case 3 -> strings.input(text(r));
        case 5 -> {
          if (r.isLengthDelimited()) {
            attribute(r.message(), strings);
          } else {
            r.skip();
          }
        }
        default -> r.skip();
      }
    }
    return new SavedModelGraph.Node(
        scope,
        name,
        op,
        strings.inputs,
        strings.attributes,
        strings.functions,
        strings.tensors,
        offset);
  }

  /** A map entry {@code {1: key, 2: AttrValue}}; the key may follow the value. */
  private static void attribute(ProtoReader r, NodeStrings strings) throws MalformedProtoException {
    String key = "";
    List<String> values = new ArrayList<>();
    while (r.next()) {
      if (r.field() == 1) {
        key = text(r);
      } else if (r.field() == 2 && r.isLengthDelimited()) {
        attrValue(r.message(), values, strings);
      } else {
        r.skip();
      }
    }
    if (!values.isEmpty()) {
      strings.attribute(key, values);
    }
  }

  /** AttrValue: s (2), list (1), tensor (8), func (10). */
  private static void attrValue(ProtoReader r, List<String> values, NodeStrings strings)
      throws MalformedProtoException {
    while (r.next()) {
      if (!r.isLengthDelimited()) {
        r.skip();
        continue;
      }
      switch (r.field()) {
        case 2 -> values.add(r.string());
        case 1 -> listValue(r.message(), values, strings);
        case 8 -> tensor(r.message(), strings);
        case 10 -> nameAttrList(r.message(), strings);
        default -> r.skip();
      }
    }
  }

  /** ListValue: s (2), tensor (8), func (9). */
  private static void listValue(ProtoReader r, List<String> values, NodeStrings strings)
      throws MalformedProtoException {
    while (r.next()) {
      if (!r.isLengthDelimited()) {
        r.skip();
        continue;
      }
      switch (r.field()) {
        case 2 -> values.add(r.string());
        case 8 -> tensor(r.message(), strings);
        case 9 -> nameAttrList(r.message(), strings);
        default -> r.skip();
      }
    }
  }

  /** NameAttrList: name (1), attr (2, a map to AttrValue: function attributes may name more). */
  private static void nameAttrList(ProtoReader r, NodeStrings strings)
      throws MalformedProtoException {
    String name = "";
    while (r.next()) {
      if (r.field() == 1) {
        name = text(r);
      } else if (r.field() == 2 && r.isLengthDelimited()) {
        attribute(r.message(), strings);
      } else {
        r.skip();
      }
    }
    strings.function(name);
  }

  /** TensorProto: the string elements (string_val, 8); numeric data is skipped. */
  private static void tensor(ProtoReader r, NodeStrings strings) throws MalformedProtoException {
    while (r.next()) {
      if (r.field() == 8 && r.isLengthDelimited()) {
        strings.tensor(r.string());
      } else {
        r.skip();
      }
    }
  }

  /** A string field; a field of another wire type is skipped (protobuf keeps it as unknown). */
  private static String text(ProtoReader r) throws MalformedProtoException {
    if (!r.isLengthDelimited()) {
      r.skip();
      return "";
    }
    return r.string();
  }

  /** The strings kept for one operation, at most {@code max} in all. */
  private static final class NodeStrings {
    private final int max;
    private int kept;
    final List<String> inputs = new ArrayList<>();
    final Map<String, List<String>> attributes = new LinkedHashMap<>();
    final List<String> functions = new ArrayList<>();
    final List<String> tensors = new ArrayList<>();

    NodeStrings(int max) {
      this.max = max;
    }

    private boolean room() {
      return kept++ < max;
    }

    void input(String input) {
      if (room()) {
        inputs.add(input);
      }
    }

    void attribute(String key, List<String> values) {
      List<String> list = attributes.computeIfAbsent(key, k -> new ArrayList<>());
      for (String v : values) {
        if (room()) {
          list.add(v);
        }
      }
    }

    void function(String name) {
      if (room()) {
        functions.add(name);
      }
    }

    void tensor(String value) {
      if (room()) {
        tensors.add(value);
      }
    }
  }
}
