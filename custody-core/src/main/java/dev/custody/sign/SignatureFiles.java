package dev.custody.sign;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a model's signature lives unless the user says otherwise: {@code MODEL/model.sig} inside a
 * folder (the name the reference CLI and Hugging Face repositories use; the signature is then left
 * out of the hash), and {@code MODEL.sig} beside a single file.
 */
public final class SignatureFiles {
  /** The signature's name inside a model folder. */
  public static final String DEFAULT_NAME = "model.sig";

  private SignatureFiles() {}

  /** The default signature path of {@code model} (which may not exist). */
  public static Path defaultFor(Path model) {
    if (Files.isDirectory(model)) {
      return model.resolve(DEFAULT_NAME);
    }
    Path name = model.getFileName();
    return model.resolveSibling((name == null ? "model" : name.toString()) + ".sig");
  }
}
