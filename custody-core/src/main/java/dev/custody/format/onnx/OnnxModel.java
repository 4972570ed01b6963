package dev.custody.format.onnx;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an ONNX model holds that a scanner judges, as far as it could be read.
 *
 * @param externalData every tensor that names external data, in file order
 * @param operators every node's operator, in file order
 * @param opsetImports every imported operator set (model and functions)
 * @param functions every function the model defines
 * @param failure why reading stopped early, or null if it read to the end
 */
public record OnnxModel(
    List<ExternalData> externalData,
    List<Operator> operators,
    List<OpsetImport> opsetImports,
    List<Function> functions,
    @Nullable MalformedOnnxException failure) {

  /** Copies the lists. */
  public OnnxModel {
    externalData = List.copyOf(externalData);
    operators = List.copyOf(operators);
    opsetImports = List.copyOf(opsetImports);
    functions = List.copyOf(functions);
  }

  /** True when the whole model was read. */
  public boolean completed() {
    return failure == null;
  }

  /**
   * A tensor whose data lives in another file (TensorProto {@code external_data}).
   *
   * @param tensor the tensor's name
   * @param location the {@code location} entry, or null when there is none
   * @param dataOffset the {@code offset} entry (where the tensor's bytes start in the file, as
   *     text), or null when there is none
   * @param dataLength the {@code length} entry (how many bytes, as text), or null when there is
   *     none: the tensor then reads to the end of the file
   * @param externalFlag true when {@code data_location} is EXTERNAL (1)
   * @param path where the tensor is in the model, e.g. {@code graph > node 'If_0' > g}
   * @param offset byte offset of the TensorProto in the file
   */
  public record ExternalData(
      String tensor,
      @Nullable String location,
      @Nullable String dataOffset,
      @Nullable String dataLength,
      boolean externalFlag,
      String path,
      long offset) {}

  /**
   * A node's operator.
   *
   * @param domain the operator's domain ({@code ""} is the default ONNX domain)
   * @param opType the operator
   * @param node the node's name
   * @param path where the node is
   * @param offset byte offset of the NodeProto
   */
  public record Operator(String domain, String opType, String node, String path, long offset) {}

  /**
   * An imported operator set.
   *
   * @param domain its domain
   * @param version its version
   * @param offset byte offset of the OperatorSetIdProto
   */
  public record OpsetImport(String domain, long version, long offset) {}

  /**
   * A function defined in the model; nodes that call it need no native code.
   *
   * @param domain its domain
   * @param name its name
   */
  public record Function(String domain, String name) {}
}
