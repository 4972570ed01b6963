package dev.custody.testkit;

/**
 * Writes TF-Keras's {@code keras_metadata.pb}: a {@code SavedMetadata} protobuf whose {@code nodes}
 * (field 1) are {@code SavedObject}s (2 node_id, 3 node_path, 4 identifier, 5 metadata JSON, 6
 * version), as {@code tf.keras} 2 writes beside {@code saved_model.pb}.
 */
public final class KerasMetadataBuilder {
  private final ProtoWriter metadata = ProtoWriter.create();
  private int nextId;

  private KerasMetadataBuilder() {}

  /** No objects yet. */
  public static KerasMetadataBuilder create() {
    return new KerasMetadataBuilder();
  }

  /** One object, e.g. {@code ("root.layer-1", "_tf_keras_layer", "{...}")}. */
  public KerasMetadataBuilder object(String path, String identifier, String json) {
    metadata.message(
        1,
        ProtoWriter.create()
            .varint(2, nextId++)
            .string(3, path)
            .string(4, identifier)
            .string(5, json)
            .message(6, ProtoWriter.create().varint(1, 2).varint(2, 1)));
    return this;
  }

  /** The file's bytes. */
  public byte[] bytes() {
    return metadata.toBytes();
  }
}
