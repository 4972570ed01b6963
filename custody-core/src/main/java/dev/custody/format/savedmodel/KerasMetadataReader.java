package dev.custody.format.savedmodel;

import dev.custody.format.protobuf.MalformedProtoException;
import dev.custody.format.protobuf.ProtoReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads TF-Keras's {@code keras_metadata.pb}, written beside {@code saved_model.pb} by {@code
 * tf.keras} 2: a {@code SavedMetadata} protobuf whose {@code nodes} (field 1) are {@code
 * SavedObject}s with {@code node_path} (3), {@code identifier} (4, {@code _tf_keras_layer}...) and
 * {@code metadata} (5, the layer's JSON config, Lambda layers included). Loading the SavedModel
 * with {@code tf.keras} revives layers from this JSON.
 */
public final class KerasMetadataReader {
  /** The identifiers TF-Keras writes all start with this. */
  private static final String KERAS_IDENTIFIER = "_tf_keras";

  private KerasMetadataReader() {}

  /**
   * One Keras object's metadata.
   *
   * @param nodePath its path from the root object, e.g. {@code root.layer-1}
   * @param identifier what it is, e.g. {@code _tf_keras_layer}
   * @param metadata its JSON, cut at the limit when {@code truncated}
   * @param truncated true when the JSON was longer than the limit
   * @param offset byte offset of the SavedObject in the file
   */
  public record KerasObject(
      String nodePath, String identifier, String metadata, boolean truncated, long offset) {}

  /**
   * The objects read, and why reading stopped if it did.
   *
   * @param objects every object, in file order
   * @param failure why reading stopped early, or null if it read to the end
   */
  public record KerasMetadata(
      List<KerasObject> objects, @Nullable MalformedProtoException failure) {
    /** Copies the list. */
    public KerasMetadata {
      objects = List.copyOf(objects);
    }

    /** True when the whole file was read. */
    public boolean completed() {
      return failure == null;
    }
  }

  /**
   * True when {@code data} is shaped like a {@code SavedMetadata}: only {@code nodes} fields (1,
   * messages) at the top, and the first one's identifier starts with {@code _tf_keras}.
   */
  public static boolean recognizes(ByteBuffer data) {
    ByteBuffer buf = data.slice();
    try {
      ProtoReader r =
          ProtoReader.of(buf, new ProtoReader.Budget(4, SavedModelReader.RECOGNITION_FIELDS, 64));
      boolean keras = false;
      boolean first = true;
      while (r.next()) {
        if (r.field() != 1 || !r.isLengthDelimited()) {
          return false;
        }
        if (first) {
          keras = identifier(r.message()).startsWith(KERAS_IDENTIFIER);
          first = false;
        } else {
          r.skip();
        }
      }
      return keras;
    } catch (MalformedProtoException e) {
      return false;
    }
  }

  private static String identifier(ProtoReader r) throws MalformedProtoException {
    String identifier = "";
    while (r.next()) {
      if (r.field() == 4 && r.isLengthDelimited()) {
        identifier = r.string();
      } else {
        r.skip();
      }
    }
    return identifier;
  }

  /** Reads every object's metadata; JSON longer than {@code maxJsonBytes} is cut and marked. */
  public static KerasMetadata read(ByteBuffer data, SavedModelLimits limits, int maxJsonBytes) {
    ByteBuffer buf = data.slice();
    List<KerasObject> objects = new ArrayList<>();
    MalformedProtoException failure = null;
    try {
      ProtoReader r =
          ProtoReader.of(
              buf,
              new ProtoReader.Budget(
                  limits.maxDepth(), limits.maxFields(), limits.maxStringBytes()));
      while (r.next()) {
        if (r.field() != 1 || !r.isLengthDelimited()) {
          r.skip();
          continue;
        }
        if (objects.size() >= limits.maxNodes()) {
          throw new MalformedProtoException(
              MalformedProtoException.Reason.LIMIT_EXCEEDED,
              r.fieldStart(),
              "the metadata has more than " + limits.maxNodes() + " objects");
        }
        objects.add(object(r.fieldStart(), r.message(), maxJsonBytes));
      }
    } catch (MalformedProtoException e) {
      failure = e;
    }
    return new KerasMetadata(objects, failure);
  }

  private static KerasObject object(int offset, ProtoReader r, int maxJsonBytes)
      throws MalformedProtoException {
    String path = "";
    String identifier = "";
    byte[] metadata = new byte[0];
    boolean truncated = false;
    while (r.next()) {
      if (!r.isLengthDelimited()) {
        r.skip();
        continue;
      }
      switch (r.field()) {
        case 3 -> path = r.string();
        case 4 -> identifier = r.string();
        case 5 -> {
          metadata = r.bytes(maxJsonBytes);
          truncated = r.lastLength() > maxJsonBytes;
        }
        default -> r.skip();
      }
    }
    return new KerasObject(
        path, identifier, new String(metadata, StandardCharsets.UTF_8), truncated, offset);
  }
}
