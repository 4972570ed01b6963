package dev.custody.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a model's signature lives unless the user says otherwise: {@code MODEL/model.sig} inside a
 * folder (the name the reference CLI and Hugging Face repositories use; the signature is then left
 * out of the hash), and {@code MODEL.sig} beside a single file.
 */
final class DefaultSignature {
  static final String FILE_NAME = "model.sig";

  private DefaultSignature() {}

  static Path of(Path model) {
    if (Files.isDirectory(model)) {
      return model.resolve(FILE_NAME);
    }
    Path name = model.getFileName();
    return model.resolveSibling((name == null ? "model" : name.toString()) + ".sig");
  }
}
