package dev.custody.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes binary TensorFlow SavedModels ({@code saved_model.pb}) in the real wire format, with the
 * field numbers of TensorFlow's protos: {@code SavedModel} (1 schema version, 2 meta graphs),
 * {@code MetaGraphDef} (1 meta info with 4 tags, 2 graph), {@code GraphDef} (1 node, 2 library, 4
 * versions), {@code NodeDef} (1 name, 2 op, 3 input, 4 device, 5 attr), {@code FunctionDef} (1
 * signature, 3 node_def), {@code AttrValue} (1 list, 2 s, 6 type, 8 tensor, 10 func). {@link
 * #denseLayer()} and {@link #tf1DenseLayer()} give what TensorFlow 2 and TensorFlow 1 export for a
 * small dense layer, save and restore functions included.
 *
 * <pre>{@code
 * byte[] pb = SavedModelBuilder.denseLayer()
 *     .node(SavedModelBuilder.Op.of("leak", "ReadFile", "path")).bytes();
 * }</pre>
 */
public final class SavedModelBuilder {
  /** DataType DT_FLOAT. */
  public static final int DT_FLOAT = 1;

  /** DataType DT_INT32. */
  public static final int DT_INT32 = 3;

  /** DataType DT_STRING. */
  public static final int DT_STRING = 7;

  /** DataType DT_BOOL. */
  public static final int DT_BOOL = 10;

  /** DataType DT_RESOURCE. */
  public static final int DT_RESOURCE = 20;

  /** One operation (a NodeDef). */
  public static final class Op {
    private final ProtoWriter node = ProtoWriter.create();

    private Op(String name, String op, String... inputs) {
      node.string(1, name).string(2, op);
      for (String input : inputs) {
        node.string(3, input);
      }
    }

    /** An operation named {@code name} of type {@code op}, with inputs. */
    public static Op of(String name, String op, String... inputs) {
      return new Op(name, op, inputs);
    }

    /** A {@code Const} of strings (its tensor attribute, DT_STRING). */
    public static Op constant(String name, String... values) {
      ProtoWriter tensor = ProtoWriter.create().varint(1, DT_STRING);
      for (String v : values) {
        tensor.string(8, v);
      }
      return of(name, "Const")
          .attr("dtype", ProtoWriter.create().varint(6, DT_STRING))
          .attr("value", ProtoWriter.create().message(8, tensor));
    }

    /** A {@code Const} float scalar. */
    public static Op constant(String name, float value) {
      ProtoWriter tensor = ProtoWriter.create().varint(1, DT_FLOAT);
      tensor.bytes(
          4,
          java.nio.ByteBuffer.allocate(4)
              .order(java.nio.ByteOrder.LITTLE_ENDIAN)
              .putFloat(value)
              .array());
      return of(name, "Const")
          .attr("dtype", ProtoWriter.create().varint(6, DT_FLOAT))
          .attr("value", ProtoWriter.create().message(8, tensor));
    }

    /** An attribute with an already encoded AttrValue. */
    public Op attr(String key, ProtoWriter value) {
      node.entry(5, key, value);
      return this;
    }

    /** A string attribute. */
    public Op attr(String key, String value) {
      return attr(key, ProtoWriter.create().string(2, value));
    }

    /** A list-of-strings attribute. */
    public Op attrList(String key, String... values) {
      ProtoWriter list = ProtoWriter.create();
      for (String v : values) {
        list.string(2, v);
      }
      return attr(key, ProtoWriter.create().message(1, list));
    }

    /** A type attribute. */
    public Op type(String key, int dtype) {
      return attr(key, ProtoWriter.create().varint(6, dtype));
    }

    /** A function attribute ({@code NameAttrList}). */
    public Op function(String key, String function) {
      return attr(key, ProtoWriter.create().message(10, ProtoWriter.create().string(1, function)));
    }

    /** The device this operation is placed on. */
    public Op device(String device) {
      node.string(4, device);
      return this;
    }

    ProtoWriter writer() {
      return node;
    }
  }

  private final List<ProtoWriter> nodes = new ArrayList<>();
  private final List<ProtoWriter> functions = new ArrayList<>();
  private final List<String> tags = new ArrayList<>(List.of("serve"));
  private long schemaVersion = 1;

  private SavedModelBuilder() {}

  /** An empty model (schema version 1, tag {@code serve}). */
  public static SavedModelBuilder create() {
    return new SavedModelBuilder();
  }

  /** Writes another schema version. */
  public SavedModelBuilder schemaVersion(long value) {
    this.schemaVersion = value;
    return this;
  }

  /** An operation of the graph. */
  public SavedModelBuilder node(Op op) {
    nodes.add(op.writer());
    return this;
  }

  /** A function of the graph's library, with its body. */
  public SavedModelBuilder function(String name, Op... body) {
    ProtoWriter f = ProtoWriter.create().message(1, ProtoWriter.create().string(1, name));
    for (Op op : body) {
      f.message(3, op.writer());
    }
    functions.add(f);
    return this;
  }

  /** The SavedModel's bytes. */
  public byte[] bytes() {
    ProtoWriter graph = ProtoWriter.create();
    for (ProtoWriter n : nodes) {
      graph.message(1, n);
    }
    if (!functions.isEmpty()) {
      ProtoWriter library = ProtoWriter.create();
      for (ProtoWriter f : functions) {
        library.message(1, f);
      }
      graph.message(2, library);
    }
    graph.message(4, ProtoWriter.create().varint(1, 1882).varint(2, 12));
    ProtoWriter info = ProtoWriter.create().string(1, "");
    for (String tag : tags) {
      info.string(4, tag);
    }
    info.string(5, "2.18.0").string(6, "v2.18.0-rc2-4-g6550e4bd802");
    ProtoWriter metaGraph = ProtoWriter.create().message(1, info).message(2, graph);
    return ProtoWriter.create().varint(1, schemaVersion).message(2, metaGraph).toBytes();
  }

  /**
   * What {@code tf.saved_model.save} writes for {@code Dense(4, activation="relu")}: resource
   * variables, a serving signature calling a library function, and the traced save and restore
   * functions with the standard saver subgraph (SaveV2, ShardedFilename, MergeV2Checkpoints,
   * RestoreV2) whose prefix comes from the loader.
   */
  public static SavedModelBuilder denseLayer() {
    return create()
        .node(Op.of("serving_default_inputs", "Placeholder").type("dtype", DT_FLOAT))
        .node(
            Op.of("dense/kernel", "VarHandleOp")
                .type("dtype", DT_FLOAT)
                .attr("shared_name", "dense/kernel"))
        .node(
            Op.of("dense/bias", "VarHandleOp")
                .type("dtype", DT_FLOAT)
                .attr("shared_name", "dense/bias"))
        .node(
            Op.of(
                    "StatefulPartitionedCall",
                    "StatefulPartitionedCall",
                    "serving_default_inputs",
                    "dense/kernel",
                    "dense/bias")
                .function("f", "__inference_signature_wrapper_120"))
        .node(Op.of("saver_filename", "Placeholder").type("dtype", DT_STRING))
        .node(
            Op.of(
                    "StatefulPartitionedCall_1",
                    "StatefulPartitionedCall",
                    "saver_filename",
                    "dense/kernel",
                    "dense/bias")
                .function("f", "__inference__traced_save_167"))
        .node(
            Op.of(
                    "StatefulPartitionedCall_2",
                    "StatefulPartitionedCall",
                    "saver_filename",
                    "dense/kernel",
                    "dense/bias")
                .function("f", "__inference__traced_restore_183"))
        .node(Op.of("NoOp", "NoOp"))
        .function(
            "__inference_signature_wrapper_120",
            Op.of("PartitionedCall", "StatefulPartitionedCall", "inputs", "unknown", "unknown_0")
                .function("f", "__inference___call___97"),
            Op.of("Identity", "Identity", "PartitionedCall:output:0"))
        .function(
            "__inference___call___97",
            Op.of(
                "dense/MatMul/ReadVariableOp",
                "ReadVariableOp",
                "dense_matmul_readvariableop_resource"),
            Op.of("dense/MatMul", "MatMul", "inputs", "dense/MatMul/ReadVariableOp:value:0")
                .type("T", DT_FLOAT),
            Op.of(
                "dense/BiasAdd/ReadVariableOp",
                "ReadVariableOp",
                "dense_biasadd_readvariableop_resource"),
            Op.of(
                "dense/BiasAdd",
                "BiasAdd",
                "dense/MatMul:product:0",
                "dense/BiasAdd/ReadVariableOp:value:0"),
            Op.of("dense/Relu", "Relu", "dense/BiasAdd:output:0"),
            Op.of("Identity", "Identity", "dense/Relu:activations:0"))
        .function(
            "__inference__traced_save_167",
            Op.of("StaticRegexFullMatch", "StaticRegexFullMatch", "file_prefix")
                .attr("pattern", "^s3://.*"),
            Op.constant("Const", ".part"),
            Op.constant("Const_1", "_temp/part"),
            Op.of(
                "Select",
                "Select",
                "StaticRegexFullMatch:output:0",
                "Const:output:0",
                "Const_1:output:0"),
            Op.of("StringJoin", "StringJoin", "file_prefix", "Select:output:0"),
            Op.of("num_shards", "Const").type("dtype", DT_INT32),
            Op.of("ShardedFilename/shard", "Const").type("dtype", DT_INT32),
            Op.of(
                "ShardedFilename",
                "ShardedFilename",
                "StringJoin:output:0",
                "ShardedFilename/shard:output:0",
                "num_shards:output:0"),
            Op.constant(
                "SaveV2/tensor_names",
                "layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE",
                "layer_with_weights-0/bias/.ATTRIBUTES/VARIABLE_VALUE",
                "_CHECKPOINTABLE_OBJECT_GRAPH"),
            Op.constant("SaveV2/shape_and_slices", "", "", ""),
            Op.of(
                "SaveV2",
                "SaveV2",
                "ShardedFilename:filename:0",
                "SaveV2/tensor_names:output:0",
                "SaveV2/shape_and_slices:output:0",
                "savev2_read_kernel",
                "savev2_read_bias",
                "savev2_const"),
            Op.of(
                "MergeV2Checkpoints/checkpoint_prefixes",
                "Pack",
                "ShardedFilename:filename:0",
                "^SaveV2"),
            Op.of(
                "MergeV2Checkpoints",
                "MergeV2Checkpoints",
                "MergeV2Checkpoints/checkpoint_prefixes:output:0",
                "file_prefix"),
            Op.of("Identity", "Identity", "file_prefix", "^MergeV2Checkpoints"),
            Op.of("NoOp", "NoOp", "^MergeV2Checkpoints"))
        .function(
            "__inference__traced_restore_183",
            Op.constant(
                "RestoreV2/tensor_names",
                "layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE",
                "layer_with_weights-0/bias/.ATTRIBUTES/VARIABLE_VALUE",
                "_CHECKPOINTABLE_OBJECT_GRAPH"),
            Op.constant("RestoreV2/shape_and_slices", "", "", ""),
            Op.of(
                "RestoreV2",
                "RestoreV2",
                "file_prefix",
                "RestoreV2/tensor_names:output:0",
                "RestoreV2/shape_and_slices:output:0"),
            Op.of("Identity", "Identity", "RestoreV2:tensors:0"),
            Op.of(
                "AssignVariableOp",
                "AssignVariableOp",
                "assignvariableop_resource",
                "Identity:output:0"),
            Op.of("Identity_1", "Identity", "RestoreV2:tensors:1"),
            Op.of(
                "AssignVariableOp_1",
                "AssignVariableOp",
                "assignvariableop_1_resource",
                "Identity_1:output:0"),
            Op.of("NoOp", "NoOp", "^AssignVariableOp", "^AssignVariableOp_1"),
            Op.of("Identity_2", "Identity", "file_prefix", "^NoOp"));
  }

  /**
   * What TensorFlow 1's {@code SavedModelBuilder} writes for a dense layer: reference variables and
   * the {@code save/} subgraph of {@code tf.compat.v1.train.Saver} (a constant {@code model}
   * prefix, ShardedFilename, SaveV2, MergeV2Checkpoints, RestoreV2, restore_all).
   */
  public static SavedModelBuilder tf1DenseLayer() {
    return create()
        .node(Op.of("x", "Placeholder").type("dtype", DT_FLOAT))
        .node(Op.of("dense/kernel", "VariableV2").type("dtype", DT_FLOAT))
        .node(Op.of("dense/kernel/read", "Identity", "dense/kernel"))
        .node(Op.of("dense/bias", "VariableV2").type("dtype", DT_FLOAT))
        .node(Op.of("dense/bias/read", "Identity", "dense/bias"))
        .node(Op.of("dense/MatMul", "MatMul", "x", "dense/kernel/read"))
        .node(Op.of("dense/BiasAdd", "BiasAdd", "dense/MatMul", "dense/bias/read"))
        .node(Op.of("dense/Relu", "Relu", "dense/BiasAdd"))
        .node(Op.constant("save/filename/input", "model"))
        .node(Op.of("save/filename", "PlaceholderWithDefault", "save/filename/input"))
        .node(Op.of("save/Const", "PlaceholderWithDefault", "save/filename"))
        .node(Op.constant("save/StringJoin/inputs_1", "_temp_6f0e2b8c/part"))
        .node(Op.of("save/StringJoin", "StringJoin", "save/Const", "save/StringJoin/inputs_1"))
        .node(Op.of("save/num_shards", "Const").type("dtype", DT_INT32))
        .node(Op.of("save/ShardedFilename/shard", "Const").type("dtype", DT_INT32))
        .node(
            Op.of(
                "save/ShardedFilename",
                "ShardedFilename",
                "save/StringJoin",
                "save/ShardedFilename/shard",
                "save/num_shards"))
        .node(Op.constant("save/SaveV2/tensor_names", "dense/bias", "dense/kernel"))
        .node(Op.constant("save/SaveV2/shape_and_slices", "", ""))
        .node(
            Op.of(
                "save/SaveV2",
                "SaveV2",
                "save/ShardedFilename",
                "save/SaveV2/tensor_names",
                "save/SaveV2/shape_and_slices",
                "dense/bias",
                "dense/kernel"))
        .node(Op.of("save/control_dependency", "Identity", "save/ShardedFilename", "^save/SaveV2"))
        .node(
            Op.of(
                "save/MergeV2Checkpoints/checkpoint_prefixes",
                "Pack",
                "save/ShardedFilename",
                "^save/control_dependency"))
        .node(
            Op.of(
                "save/MergeV2Checkpoints",
                "MergeV2Checkpoints",
                "save/MergeV2Checkpoints/checkpoint_prefixes",
                "save/Const"))
        .node(Op.of("save/Identity", "Identity", "save/Const", "^save/MergeV2Checkpoints"))
        .node(Op.constant("save/RestoreV2/tensor_names", "dense/bias", "dense/kernel"))
        .node(Op.constant("save/RestoreV2/shape_and_slices", "", ""))
        .node(
            Op.of(
                "save/RestoreV2",
                "RestoreV2",
                "save/Const",
                "save/RestoreV2/tensor_names",
                "save/RestoreV2/shape_and_slices"))
        .node(Op.of("save/Assign", "Assign", "dense/bias", "save/RestoreV2"))
        .node(Op.of("save/Assign_1", "Assign", "dense/kernel", "save/RestoreV2:1"))
        .node(Op.of("save/restore_shard", "NoOp", "^save/Assign", "^save/Assign_1"))
        .node(Op.of("save/restore_all", "NoOp", "^save/restore_shard"));
  }
}
