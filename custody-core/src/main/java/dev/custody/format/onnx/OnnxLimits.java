package dev.custody.format.onnx;

/**
 * How much of an ONNX model {@link OnnxReader} reads before it stops with {@link
 * MalformedOnnxException.Reason#LIMIT_EXCEEDED}.
 *
 * @param maxDepth deepest nesting of messages (protobuf's own default limit is 100)
 * @param maxFields most fields read over the whole model (raw tensor data counts as one field)
 * @param maxItems most external-data references, nodes and operator-set imports collected
 * @param maxStringBytes longest name, domain or location kept; longer ones are cut
 */
public record OnnxLimits(int maxDepth, long maxFields, int maxItems, int maxStringBytes) {
  /** Enough for large exported transformers (hundreds of thousands of nodes). */
  public static final OnnxLimits DEFAULT = new OnnxLimits(64, 50_000_000, 2_000_000, 4_096);

  /** Checks every limit is positive. */
  public OnnxLimits {
    if (maxDepth < 1 || maxFields < 1 || maxItems < 1 || maxStringBytes < 1) {
      throw new IllegalArgumentException("ONNX limits must be positive");
    }
  }
}
