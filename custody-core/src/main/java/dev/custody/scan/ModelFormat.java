package dev.custody.scan;

/**
 * What a file is, judged from its content (magic bytes and structure), never from its name. A
 * format either can run code when a framework loads it, holds other files, or is {@link #isInert()
 * inert}: text and JSON that no model loader executes.
 */
public enum ModelFormat {
  /** A Python pickle (protocols 0 to 5), including legacy {@code torch.save} files and joblib. */
  PICKLE("pickle", false),
  /** A PyTorch zip checkpoint: a zip with a {@code <root>/data.pkl} record. */
  PYTORCH_ZIP("pytorch-zip", false),
  /**
   * A Keras v3 {@code .keras} archive: a zip with {@code config.json} and {@code metadata.json}.
   */
  KERAS_ZIP("keras-zip", false),
  /** Any other zip archive (including numpy {@code .npz}). */
  ZIP("zip", false),
  /** A tar archive (ustar, GNU or v7). */
  TAR("tar", false),
  /** A gzip stream. */
  GZIP("gzip", false),
  /** An xz stream. */
  XZ("xz", false),
  /** A bzip2 stream. */
  BZIP2("bzip2", false),
  /** A Zstandard frame. */
  ZSTD("zstd", false),
  /** A zlib stream (joblib's default compression). */
  ZLIB("zlib", false),
  /** An lzma-alone stream (joblib's {@code compress='lzma'}). */
  LZMA("lzma", false),
  /** A 7-Zip archive. */
  SEVEN_ZIP("7z", false),
  /** A numpy {@code .npy} array (object arrays hold pickles). */
  NUMPY("npy", false),
  /** A safetensors file: a little-endian u64 header length, then a JSON header. */
  SAFETENSORS("safetensors", false),
  /** A GGUF file (llama.cpp). */
  GGUF("gguf", false),
  /** An ONNX model (a protobuf {@code ModelProto}; recognised on a best-effort basis). */
  ONNX("onnx", false),
  /** A binary TensorFlow SavedModel ({@code saved_model.pb}, a protobuf {@code SavedModel}). */
  SAVED_MODEL("savedmodel", false),
  /**
   * A SavedModel in protobuf text format ({@code saved_model.pbtxt}), which TensorFlow loads when
   * the binary file is missing; judged by the same rules as the binary form.
   */
  SAVED_MODEL_TEXT("savedmodel-text", false),
  /** TF-Keras's {@code keras_metadata.pb} beside a SavedModel: Keras layer JSON in a protobuf. */
  KERAS_METADATA("keras-metadata", false),
  /**
   * The {@code config.json} of a Keras v3 model saved as a folder (beside {@code model.weights.h5}
   * or {@code metadata.json}), shaped like a Keras config: Keras deserializes it like the one in a
   * {@code .keras} archive. Only the folder scan assigns it (the detector sees JSON).
   */
  KERAS_CONFIG("keras-config", false),
  /**
   * A JSON document with a top-level {@code chat_template} ({@code tokenizer_config.json}, {@code
   * chat_template.json}): transformers renders the template as a Jinja2 program.
   */
  CHAT_TEMPLATE_JSON("chat-template-json", false),
  /** A text file shaped like a Jinja2 chat template ({@code chat_template.jinja}). */
  JINJA_TEMPLATE("jinja-template", false),
  /**
   * Raw tensor bytes that an ONNX model in the same scan names as its external data: read into
   * tensors, never executed. Only the folder scan assigns it, never the detector.
   */
  ONNX_EXTERNAL_DATA("onnx-external-data", false),
  /** An HDF5 file (Keras {@code .h5}). */
  HDF5("hdf5", false),
  /** A JSON document (configs, tokenizers): no loader executes it. */
  JSON("json", true),
  /** UTF-8 text (READMEs, vocabularies, licences): no loader executes it. */
  TEXT("text", true),
  /** A file with no bytes. */
  EMPTY("empty", true),
  /** Bytes of no format custody recognises: not scanned, so never reported clean. */
  UNKNOWN_BINARY("unknown-binary", false),
  /** A symbolic link found in a folder: reported, not followed. */
  SYMLINK("symlink", false);

  private final String label;
  private final boolean inert;

  ModelFormat(String label, boolean inert) {
    this.label = label;
    this.inert = inert;
  }

  /** The lowercase name used in reports, e.g. {@code pytorch-zip}. */
  public String label() {
    return label;
  }

  /** True when no model loader executes this format, so there is nothing to scan. */
  public boolean isInert() {
    return inert;
  }
}
