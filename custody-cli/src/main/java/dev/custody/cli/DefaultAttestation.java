package dev.custody.cli;

import java.nio.file.Path;

/**
 * Where a model's provenance attestation lives unless the user says otherwise: {@code
 * NAME.intoto.json} beside the model folder or file, never inside it (a file inside the model would
 * change the model's digest, which is the attestation's subject).
 */
final class DefaultAttestation {
  static final String SUFFIX = ".intoto.json";

  private DefaultAttestation() {}

  static Path of(Path model) {
    Path absolute = model.toAbsolutePath().normalize();
    Path name = absolute.getFileName();
    if (name == null) {
      throw CliFailure.usage(
          "the model is the file system root; name the attestation with --output");
    }
    return absolute.resolveSibling(name + SUFFIX);
  }
}
