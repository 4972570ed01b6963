package dev.custody.cli;

import dev.custody.digest.DigestException;
import dev.custody.digest.DigestOptions;
import dev.custody.digest.ModelDigester;
import dev.custody.internal.Untrusted;
import dev.custody.model.Manifest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code custody digest}: the OMS manifest and root digest of a model folder or file. */
@Command(
    name = "digest",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Compute a model's identity: its OpenSSF Model Signing root digest.",
    description = {
      "Hashes every file of MODEL (a folder, or a single file) as the reference model_signing"
          + " implementation does and prints the root digest, the subject digest a signature"
          + " of the model carries. With --format json it prints the whole manifest.",
      "The top-level .git, .gitattributes, .github and .gitignore are left out. Symlinks are"
          + " refused unless --allow-symlinks is given.",
      ""
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody digest examples/tiny-model",
      "      sha256:a84bc6d7436624760d813284f40580f9ac13a46be9b1991501e0d35aead89228",
      "  custody digest --format json --hash blake2b my-model",
      "  custody digest --shard-size 1GB --ignore-path my-model/model.sig my-model",
      "  custody digest --threads 1 my-model   (one hashing thread)"
    })
final class DigestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand CustodyCommand parent;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model folder or single model file.")
  Path model;

  @Mixin HashingOptions hashing = new HashingOptions();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output: text (the root digest) or json (the whole manifest).")
  OutputFormat format = OutputFormat.text;

  @Override
  public Integer call() {
    DigestOptions options = options();
    Manifest manifest;
    try (ProgressListener progress = new ProgressListener(parent.terminal(), "digest")) {
      manifest = new ModelDigester(options).digest(model, progress);
    } catch (DigestException e) {
      throw new CliFailure(exitCode(e), e.getMessage(), e);
    }
    if (manifest.resources().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "custody digest: warning: "
                  + Untrusted.quote(model.toString())
                  + " has no file to hash (after ignored paths); its digest is that of no bytes");
    }
    spec.commandLine()
        .getOut()
        .print(
            switch (format) {
              case text -> manifest.rootDigest() + System.lineSeparator();
              case json -> ManifestJson.render(manifest);
            });
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }

  private DigestOptions options() {
    return hashing.toDigestOptions(ModelArgument.given(model));
  }

  static int exitCode(DigestException e) {
    return switch (e.reason()) {
      case MODEL_NOT_FOUND -> ExitCode.USAGE;
      case UNREADABLE, REFUSED, LIMIT_EXCEEDED, CHANGED_WHILE_HASHING, INTERRUPTED ->
          ExitCode.OPERATIONAL;
    };
  }
}
