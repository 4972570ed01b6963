package dev.custody.gather;

import dev.custody.sign.VerifyOptions;
import dev.custody.store.EvidenceStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to gather besides the model itself.
 *
 * @param signatures the signature files to check; empty means the default one ({@code
 *     MODEL/model.sig} or {@code MODEL.sig}) if it exists, and none otherwise
 * @param verify how signatures are compared with the model
 * @param store an evidence store to look up the model's signatures and attestations in, by its root
 *     digest; empty for none
 */
public record GatherOptions(
    List<Path> signatures, VerifyOptions verify, Optional<EvidenceStore> store) {
  /** Copies the list. */
  public GatherOptions {
    signatures = List.copyOf(signatures);
  }

  /** These signatures and verification options, no evidence store. */
  public GatherOptions(List<Path> signatures, VerifyOptions verify) {
    this(signatures, verify, Optional.empty());
  }

  /** The default signature, strict verification, no evidence store. */
  public static GatherOptions defaults() {
    return new GatherOptions(List.of(), VerifyOptions.defaults());
  }

  /** These options checking exactly {@code files}. */
  public GatherOptions withSignatures(List<Path> files) {
    return new GatherOptions(files, verify, store);
  }

  /** These options also looking in {@code evidenceStore}. */
  public GatherOptions withStore(EvidenceStore evidenceStore) {
    return new GatherOptions(signatures, verify, Optional.of(evidenceStore));
  }
}
