package dev.custody.format.onnx;

import dev.custody.format.protobuf.MalformedProtoException;
import dev.custody.format.protobuf.ProtoReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads an ONNX model (a serialized {@code onnx.ModelProto}) without a protobuf library: every
 * graph ({@code ModelProto.graph}, training graphs, attribute subgraphs of {@code If}/{@code
 * Loop}/{@code Scan}), every function, every node, and every tensor that can carry external data
 * (initializers, sparse initializers, attribute tensors). Every occurrence of a field is visited,
 * so a sub-message written twice (which protobuf merges) is seen whole. Tensor data is skipped,
 * never copied.
 */
public final class OnnxReader {
  private final OnnxLimits limits;
  private final List<OnnxModel.ExternalData> externalData = new ArrayList<>();
  private final List<OnnxModel.Operator> operators = new ArrayList<>();
  private final List<OnnxModel.OpsetImport> opsets = new ArrayList<>();
  private final List<OnnxModel.Function> functions = new ArrayList<>();
  private int items;

  private OnnxReader(OnnxLimits limits) {
    this.limits = limits;
  }

  /** Reads the model in {@code data} (position to limit); the buffer is untouched. */
  public static OnnxModel read(ByteBuffer data, OnnxLimits limits) {
    ByteBuffer buf = data.slice();
    OnnxReader reader = new OnnxReader(limits);
    MalformedOnnxException failure = null;
    try {
      reader.model(
          ProtoReader.of(
              buf,
              new ProtoReader.Budget(
                  limits.maxDepth(), limits.maxFields(), limits.maxStringBytes())));
    } catch (MalformedProtoException e) {
      MalformedOnnxException.Reason reason =
          switch (e.reason()) {
            case MALFORMED -> MalformedOnnxException.Reason.MALFORMED;
            case LIMIT_EXCEEDED -> MalformedOnnxException.Reason.LIMIT_EXCEEDED;
          };
      failure = new MalformedOnnxException(reason, e.offset(), e.getMessage());
    }
    return new OnnxModel(
        reader.externalData, reader.operators, reader.opsets, reader.functions, failure);
  }

  /** Reads a whole byte array. */
  public static OnnxModel read(byte[] data, OnnxLimits limits) {
    return read(ByteBuffer.wrap(data), limits);
  }

  private static boolean isMessage(ProtoReader r) {
    return r.wireType() == ProtoReader.LENGTH_DELIMITED;
  }

  private void model(ProtoReader r) throws MalformedProtoException {
    while (r.next()) {
      switch (r.field()) {
        case 7 -> {
          if (isMessage(r)) {
            graph(r.message(), "graph");
          } else {
            r.skip();
          }
        }
        case 8 -> {
          if (isMessage(r)) {
            opset(r.fieldStart(), r.message());
          } else {
            r.skip();
          }
        }
        case 20 -> {
          if (isMessage(r)) {
            training(r.message());
          } else {
            r.skip();
          }
        }
        case 25 -> {
          if (isMessage(r)) {
            function(r.message());
          } else {
            r.skip();
          }
        }
        default -> r.skip();
      }
    }
  }

  private void training(ProtoReader r) throws MalformedProtoException {
    while (r.next()) {
      if ((r.field() == 1 || r.field() == 2) && isMessage(r)) {
        graph(r.message(), r.field() == 1 ? "training initialization" : "training algorithm");
      } else {
        r.skip();
      }
    }
  }

  private void graph(ProtoReader r, String path) throws MalformedProtoException {
    while (r.next()) {
      if (!isMessage(r)) {
        r.skip();
        continue;
      }
      switch (r.field()) {
        case 1 -> node(r.fieldStart(), r.message(), path);
        case 5 -> tensor(r.fieldStart(), r.message(), path + " > initializer");
        case 15 -> sparse(r.message(), path + " > sparse initializer");
        default -> r.skip();
      }
    }
  }

  private void node(int offset, ProtoReader r, String path) throws MalformedProtoException {
    String domain = "";
    String opType = "";
    String name = "";
    // Attributes are read as they come; their subgraphs need the node's name only for the path,
    // which may come later in the message: use the offset instead, which is always known.
    String here = path + " > node@" + offset;
    while (r.next()) {
      switch (r.field()) {
        case 3 -> name = text(r);
        case 4 -> opType = text(r);
        case 7 -> domain = text(r);
        case 5 -> {
          if (isMessage(r)) {
            attribute(r.message(), here);
          } else {
            r.skip();
          }
        }
        default -> r.skip();
      }
    }
    count(offset);
    operators.add(new OnnxModel.Operator(domain, opType, name, path, offset));
  }

  private void attribute(ProtoReader r, String path) throws MalformedProtoException {
    while (r.next()) {
      if (!isMessage(r)) {
        r.skip();
        continue;
      }
      switch (r.field()) {
        case 5, 10 -> tensor(r.fieldStart(), r.message(), path + " > attribute tensor");
        case 6, 11 -> graph(r.message(), path + " > subgraph");
        case 22, 23 -> sparse(r.message(), path + " > attribute sparse tensor");
        default -> r.skip();
      }
    }
  }

  private void sparse(ProtoReader r, String path) throws MalformedProtoException {
    while (r.next()) {
      if ((r.field() == 1 || r.field() == 2) && isMessage(r)) {
        tensor(r.fieldStart(), r.message(), path);
      } else {
        r.skip();
      }
    }
  }

  private void tensor(int offset, ProtoReader r, String path) throws MalformedProtoException {
    String name = "";
    @Nullable String location = null;
    @Nullable String dataOffset = null;
    @Nullable String dataLength = null;
    boolean external = false;
    boolean hasEntries = false;
    while (r.next()) {
      switch (r.field()) {
        case 8 -> name = text(r);
        case 13 -> {
          if (isMessage(r)) {
            hasEntries = true;
            String[] entry = entry(r.message());
            switch (entry[0]) {
              case "location" -> location = entry[1];
              case "offset" -> dataOffset = entry[1];
              case "length" -> dataLength = entry[1];
              default -> {}
            }
          } else {
            r.skip();
          }
        }
        case 14 -> {
          if (r.wireType() == ProtoReader.VARINT) {
            external = r.varint() == 1;
          } else {
            r.skip();
          }
        }
        default -> r.skip();
      }
    }
    if (external || hasEntries) {
      count(offset);
      externalData.add(
          new OnnxModel.ExternalData(
              name, location, dataOffset, dataLength, external, path, offset));
    }
  }

  private String[] entry(ProtoReader r) throws MalformedProtoException {
    String key = "";
    String value = "";
    while (r.next()) {
      switch (r.field()) {
        case 1 -> key = text(r);
        case 2 -> value = text(r);
        default -> r.skip();
      }
    }
    return new String[] {key, value};
  }

  private void opset(int offset, ProtoReader r) throws MalformedProtoException {
    String domain = "";
    long version = 0;
    while (r.next()) {
      if (r.field() == 1) {
        domain = text(r);
      } else if (r.field() == 2 && r.wireType() == ProtoReader.VARINT) {
        version = r.varint();
      } else {
        r.skip();
      }
    }
    count(offset);
    opsets.add(new OnnxModel.OpsetImport(domain, version, offset));
  }

  private void function(ProtoReader r) throws MalformedProtoException {
    String name = "";
    String domain = "";
    while (r.next()) {
      switch (r.field()) {
        case 1 -> name = text(r);
        case 10 -> domain = text(r);
        case 7 -> {
          if (isMessage(r)) {
            node(r.fieldStart(), r.message(), "function");
          } else {
            r.skip();
          }
        }
        case 9 -> {
          if (isMessage(r)) {
            opset(r.fieldStart(), r.message());
          } else {
            r.skip();
          }
        }
        default -> r.skip();
      }
    }
    functions.add(new OnnxModel.Function(domain, name));
  }

  /** A string field; a field of another wire type is skipped (protobuf keeps it as unknown). */
  private static String text(ProtoReader r) throws MalformedProtoException {
    if (r.wireType() != ProtoReader.LENGTH_DELIMITED) {
      r.skip();
      return "";
    }
    return r.string();
  }

  private void count(int offset) throws MalformedProtoException {
    if (++items > limits.maxItems()) {
      throw new MalformedProtoException(
          MalformedProtoException.Reason.LIMIT_EXCEEDED,
          offset,
          "the model has more than "
              + limits.maxItems()
              + " nodes, operator sets and tensors "
              + "with external data");
    }
  }
}
