package dev.custody.cli;

import dev.custody.digest.DigestOptions;
import dev.custody.model.ModelPath;
import dev.custody.sign.SignatureFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where a model's signature lives unless the user says otherwise ({@link SignatureFiles}). */
final class DefaultSignature {
  static final String FILE_NAME = SignatureFiles.DEFAULT_NAME;

  private DefaultSignature() {}

  static Path of(Path model) {
    return SignatureFiles.defaultFor(model);
  }

  /**
   * {@code options} also leaving out the default signature inside a model folder: how {@code
   * attest}, {@code verify-attestation} and {@code lineage} digest a model, so that signing it
   * afterwards does not change the digest its provenance names.
   */
  static DigestOptions leftOut(Path model, DigestOptions options) {
    if (!Files.isDirectory(model)) {
      return options;
    }
    List<ModelPath> ignored = new ArrayList<>(options.ignorePaths());
    ignored.add(new ModelPath(FILE_NAME));
    return options.withIgnorePaths(ignored);
  }
}
