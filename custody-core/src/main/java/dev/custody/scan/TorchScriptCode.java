package dev.custody.scan;

import dev.custody.format.torchscript.TorchScriptSource;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * Judges one TorchScript code record ({@code code/**.py} of a {@code torch.jit.save} archive):
 * every reference {@link TorchScriptSource} lists goes through {@link TorchScriptRules}, and each
 * distinct operator or class outside torch's own is reported once, at its first use. Thread-safe.
 */
final class TorchScriptCode {
  /** References followed per record; real records hold hundreds. */
  static final int MAX_REFERENCES = 100_000;

  private final TorchScriptRules rules;

  TorchScriptCode(TorchScriptRules rules) {
    this.rules = rules;
  }

  /** The findings of the record in {@code source}, offsets relative to its start. */
  ScanResult judge(ByteBuffer source) {
    TorchScriptSource.Listing listing = TorchScriptSource.read(source, MAX_REFERENCES);
    ContainerScan scan = new ContainerScan();
    Set<String> reported = new HashSet<>();
    for (TorchScriptSource.Reference reference : listing.references()) {
      TorchScriptRules.Judged judged = rules.judge(reference.name());
      if (judged.verdict() == TorchScriptRules.Verdict.BUILTIN || !reported.add(judged.target())) {
        continue;
      }
      String written = Untrusted.quote(reference.name());
      String target = Untrusted.escape(judged.target());
      switch (judged.verdict()) {
        case FILES ->
            scan.add(
                ContainerRule.TORCHSCRIPT_REACHES_OUT,
                reference.offset(),
                target,
                "The code calls " + written + " (" + target + "), which reads or writes files.");
        case NETWORK ->
            scan.add(
                ContainerRule.TORCHSCRIPT_REACHES_OUT,
                reference.offset(),
                target,
                "The code names " + written + " (" + target + "), which opens connections.");
        case CUSTOM ->
            scan.add(
                ContainerRule.TORCHSCRIPT_CUSTOM,
                reference.offset(),
                target,
                "The code names " + written + " (" + target + "), which torch does not provide.");
        case BUILTIN -> throw new IllegalStateException("skipped above");
      }
    }
    listing
        .problem()
        .ifPresent(problem -> {
          scan.add(ContainerRule.TORCHSCRIPT_UNREAD, 0, "code record", problem + ".");
          scan.incomplete();
        });
    return scan.result();
  }
}
