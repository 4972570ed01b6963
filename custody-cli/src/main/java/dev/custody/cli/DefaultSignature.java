package dev.custody.cli;

import dev.custody.sign.SignatureFiles;
import java.nio.file.Path;

/** Where a model's signature lives unless the user says otherwise ({@link SignatureFiles}). */
final class DefaultSignature {
  static final String FILE_NAME = SignatureFiles.DEFAULT_NAME;

  private DefaultSignature() {}

  static Path of(Path model) {
    return SignatureFiles.defaultFor(model);
  }
}
