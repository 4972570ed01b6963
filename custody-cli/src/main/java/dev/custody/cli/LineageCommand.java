package dev.custody.cli;

import dev.custody.attest.AttestationException;
import dev.custody.attest.ProvenanceInputs;
import dev.custody.digest.DigestOptions;
import dev.custody.internal.Untrusted;
import dev.custody.lineage.Direction;
import dev.custody.lineage.Lineage;
import dev.custody.lineage.LineageException;
import dev.custody.lineage.LineageWalker;
import dev.custody.lineage.Link;
import dev.custody.model.Digest;
import dev.custody.sign.TrustPolicy;
import dev.custody.store.LocalEvidenceStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code custody lineage}: what a model was made from, and what was made from it. */
@Command(
    name = "lineage",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Walk a model's lineage through verified provenance attestations.",
    description = {
      "Follows the attestations filed in the evidence store (custody attest --store) from MODEL:"
          + " up to the base models and datasets it was made from, and theirs; down to the models"
          + " made from it, and theirs. Every link's attestation is verified against the trust"
          + " given and must be about the artifacts it is filed under; a link that is not is"
          + " marked broken and not followed: missing-attestation, unverifiable-signature,"
          + " digest-mismatch, cycle, limit-reached.",
      "MODEL is a model folder or file (its root digest is computed as custody attest does) or a"
          + " root digest sha256:HEX, which may also be a dataset's. Trust sources are those of"
          + " 'custody verify'. docs/provenance.md describes the output.",
      ""
    },
    sortOptions = false,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every link walked verified",
      "1:at least one link is broken",
      "2:usage error (no trust source, bad direction, a store that is not there)",
      "3:the model could not be read, or the store could not be listed"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody lineage my-distilled-model --key release.pub.pem",
      "  custody lineage sha256:5e1f...9a --key release.pub.pem --direction down",
      "  custody lineage my-model --ca company-root.pem --store=/srv/custody-store \\",
      "      --direction both --format dot | dot -Tsvg > lineage.svg"
    })
final class LineageCommand implements Callable<Integer> {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  /** How a lineage is printed. */
  enum LineageFormat {
    text,
    json,
    dot
  }

  @Spec CommandSpec spec;

  @ParentCommand CustodyCommand parent;

  @Parameters(
      index = "0",
      paramLabel = "MODEL",
      description = "Model folder or file, or a root digest sha256:HEX (a model's or a dataset's).")
  String model;

  @Mixin TrustOptions trust = new TrustOptions();

  @Option(
      names = "--store",
      paramLabel = "DIR",
      description =
          "The evidence store (default: $CUSTODY_STORE, else $XDG_DATA_HOME/custody/store, else"
              + " ~/.local/share/custody/store).")
  @Nullable Path store;

  @Option(
      names = "--direction",
      paramLabel = "WAY",
      description =
          "up (what MODEL was made from, the default), down (what was made from it) or both.")
  String direction = "up";

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output: text (a tree, the default), json or dot (Graphviz).")
  LineageFormat format = LineageFormat.text;

  @Override
  public Integer call() {
    Direction way = direction();
    TrustPolicy policy = trust.policy();
    Path folder = storeFolder();
    boolean byDigest = DIGEST.matcher(model).matches();
    Digest start = byDigest ? Digest.parse(model) : digest(ModelArgument.existing(Path.of(model)));
    String name = byDigest ? model : nameOf(Path.of(model));
    Lineage lineage;
    try {
      lineage =
          new LineageWalker(new LocalEvidenceStore(folder), policy, Clock.systemUTC())
              .walk(start, name, way);
    } catch (LineageException e) {
      throw new CliFailure(ExitCode.OPERATIONAL, String.valueOf(e.getMessage()), e);
    }
    if (knowsNothing(lineage)) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "custody lineage: the store "
              + Untrusted.quote(folder.toString())
              + " holds no attestation of or from "
              + start
              + "; check the digest, or name the store that custody attest --store filed into");
      err.flush();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        switch (format) {
          case text -> LineageText.render(lineage);
          case json -> LineageJson.render(lineage);
          case dot -> LineageDot.render(lineage);
        });
    out.flush();
    return lineage.brokenLinks() == 0 ? ExitCode.OK : ExitCode.FINDINGS;
  }

  /** Nothing is filed about the start, either way: most likely a wrong digest or store. */
  private static boolean knowsNothing(Lineage lineage) {
    boolean nothingUp =
        lineage
            .up()
            .map(n ->
                n.next().isEmpty() && n.links().stream().allMatch(l -> l instanceof Link.Missing))
            .orElse(true);
    boolean nothingDown = lineage.down().map(n -> n.next().isEmpty()).orElse(true);
    return nothingUp && nothingDown;
  }

  private Direction direction() {
    return switch (direction.toLowerCase(Locale.ROOT)) {
      case "up" -> Direction.UP;
      case "down" -> Direction.DOWN;
      case "both" -> Direction.BOTH;
      default ->
          throw CliFailure.usage(
              "--direction " + Untrusted.quote(direction) + " is not up, down or both");
    };
  }

  private Path storeFolder() {
    Path folder = store != null ? store : StoreOption.location("", parent);
    if (!Files.isDirectory(folder)) {
      throw CliFailure.usage(
          "the evidence store "
              + Untrusted.quote(folder.toString())
              + " is not a folder; name the store that custody attest --store filed into with"
              + " --store DIR");
    }
    return folder;
  }

  /** As 'custody attest' digests MODEL: a signature inside the folder is left out. */
  private static Digest digest(Path path) {
    try {
      return ProvenanceInputs.rootDigest(
          path, DefaultSignature.leftOut(path, DigestOptions.defaults()));
    } catch (AttestationException e) {
      throw new CliFailure(ExitCode.OPERATIONAL, String.valueOf(e.getMessage()), e);
    }
  }

  private static String nameOf(Path path) {
    Path file = path.toAbsolutePath().normalize().getFileName();
    return file == null ? path.toString() : file.toString();
  }
}
