package dev.custody.gather;

import dev.custody.sign.VerifyOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * What to gather besides the model itself.
 *
 * @param signatures the signature files to check; empty means the default one ({@code
 *     MODEL/model.sig} or {@code MODEL.sig}) if it exists, and none otherwise
 * @param verify how signatures are compared with the model
 */
public record GatherOptions(List<Path> signatures, VerifyOptions verify) {
  /** Copies the list. */
  public GatherOptions {
    signatures = List.copyOf(signatures);
  }

  /** The default signature, strict verification. */
  public static GatherOptions defaults() {
    return new GatherOptions(List.of(), VerifyOptions.defaults());
  }

  /** These options checking exactly {@code files}. */
  public GatherOptions withSignatures(List<Path> files) {
    return new GatherOptions(files, verify);
  }
}
