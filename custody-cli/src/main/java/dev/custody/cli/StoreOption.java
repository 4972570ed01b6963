package dev.custody.cli;

import dev.custody.internal.Untrusted;
import dev.custody.store.EvidenceStoreException;
import dev.custody.store.LocalEvidenceStore;
import dev.custody.store.StoredEvidence;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --store[=DIR]}: also file what the verb wrote in the evidence store ({@code
 * $CUSTODY_STORE}, else {@code $XDG_DATA_HOME/custody/store}, else {@code
 * ~/.local/share/custody/store}).
 */
final class StoreOption {
  @Option(
      names = "--store",
      arity = "0..1",
      paramLabel = "DIR",
      fallbackValue = "",
      description =
          "Also file the result in the evidence store: DIR, else $CUSTODY_STORE, else"
              + " $XDG_DATA_HOME/custody/store (~/.local/share/custody/store). Write --store=DIR"
              + " or put --store after MODEL.")
  @Nullable String store;

  boolean requested() {
    return store != null;
  }

  LocalEvidenceStore open(CustodyCommand parent) {
    return new LocalEvidenceStore(location(store == null ? "" : store, parent));
  }

  static Path location(String given, CustodyCommand parent) {
    return given.isEmpty()
        ? LocalEvidenceStore.defaultLocation(
            parent.environment(), Path.of(System.getProperty("user.home")))
        : Path.of(given);
  }

  /** Files {@code bundle}; a failure is operational (exit 3) after the file itself was written. */
  String record(CustodyCommand parent, byte[] bundle) {
    LocalEvidenceStore local = open(parent);
    try {
      StoredEvidence stored = local.put(bundle);
      return stored.id() + " in " + Untrusted.quote(local.root().toString());
    } catch (EvidenceStoreException e) {
      throw new CliFailure(ExitCode.OPERATIONAL, String.valueOf(e.getMessage()), e);
    }
  }
}
