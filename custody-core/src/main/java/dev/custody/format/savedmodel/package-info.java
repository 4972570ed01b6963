/**
 * A hardened reader of TensorFlow SavedModel files without TensorFlow: {@link SavedModelReader}
 * reads a binary {@code saved_model.pb} (a {@code tensorflow.SavedModel} protobuf) down to every
 * operation of every graph and of every function in the graphs' function libraries, with the string
 * attributes and constant strings a scanner needs to tell where file operations point. {@link
 * KerasMetadataReader} reads TF-Keras's {@code keras_metadata.pb} (a {@code SavedMetadata} protobuf
 * whose objects carry Keras layer JSON). Both are total and bounded; this package knows nothing of
 * rules or findings.
 */
@NullMarked
package dev.custody.format.savedmodel;

import org.jspecify.annotations.NullMarked;
