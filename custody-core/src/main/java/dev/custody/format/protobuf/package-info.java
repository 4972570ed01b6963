/**
 * A bounded reader of the protobuf wire format, without a protobuf library or generated classes:
 * {@link ProtoReader} walks the fields of one message within its bytes, and the format readers
 * (ONNX, TensorFlow SavedModel) pick the fields they need by number. Every length is checked
 * against its enclosing message, and depth, field count and string sizes are bounded by a shared
 * {@link ProtoReader.Budget}. This package knows nothing of models or findings.
 */
@NullMarked
package dev.custody.format.protobuf;

import org.jspecify.annotations.NullMarked;
