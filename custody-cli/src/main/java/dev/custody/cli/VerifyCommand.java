package dev.custody.cli;

import dev.custody.internal.Untrusted;
import dev.custody.model.ModelPath;
import dev.custody.sign.ModelVerifier;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.VerificationException;
import dev.custody.sign.VerifiedModel;
import dev.custody.sign.VerifyOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code custody verify}: check a model against its OMS signature and a trust source. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Verify a model against its OpenSSF Model Signing signature.",
    description = {
      "Checks that the signature is well formed, was made by a signer you trust, and covers"
          + " exactly the files of MODEL as they are now. How to hash (method, hash, shard size,"
          + " ignored paths) comes from the signature.",
      "Give one trust source: --key (public keys), --ca (certificate authorities), or"
          + " --trusted-root with --identity and --issuer (keyless Sigstore signatures, checked"
          + " offline).",
      "The signature is read from MODEL/model.sig for a folder and MODEL.sig beside a single"
          + " file, unless --signature names it.",
      ""
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody verify my-model --key release.pub.pem",
      "  custody verify my-model --ca company-root.pem --signature my-model.sig",
      "  custody verify my-model --trusted-root trusted_root.json \\",
      "      --identity builder@example.com --issuer https://accounts.google.com",
      "  custody verify my-model --key release.pub.pem --ignore-unsigned-files --format json"
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand CustodyCommand parent;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model folder or single model file.")
  Path model;

  @Option(
      names = "--signature",
      paramLabel = "FILE",
      description = "The signature (default: MODEL/model.sig, or MODEL.sig).")
  @Nullable Path signature;

  @Mixin TrustOptions trust = new TrustOptions();

  @Option(
      names = "--ignore-path",
      paramLabel = "PATH",
      description =
          "Also leave out this file or folder (relative to the current folder, or absolute;"
              + " inside MODEL). Repeatable.")
  List<String> ignorePaths = new ArrayList<>();

  @Option(
      names = "--ignore-unsigned-files",
      description =
          "Hash only the files the signature lists: files added since signing are not an error"
              + " (signed files that changed or went missing still are). Insecure: an added file"
              + " a loader picks up goes unchecked.")
  boolean ignoreUnsignedFiles;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Hashing threads (default: one per core).")
  @Nullable Integer threads;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output: text (default) or json (also on failure, on stdout).")
  OutputFormat format = OutputFormat.text;

  @Override
  public Integer call() {
    // Before looking for MODEL.sig: "no signature" would hide a mistyped model path.
    ModelArgument.existing(model);
    TrustPolicy trustPolicy = trust.policy();
    VerifyOptions options = options();
    Path signatureFile = signaturePath();
    PrintWriter out = spec.commandLine().getOut();
    try {
      VerifiedModel verified = new ModelVerifier(trustPolicy).verify(model, signatureFile, options);
      out.print(render(verified, signatureFile));
      out.flush();
      return ExitCode.OK;
    } catch (VerificationException e) {
      if (format == OutputFormat.json) {
        out.print(SignatureJson.failed(e, model, signatureFile));
        out.flush();
      }
      throw new CliFailure(exitCode(e), String.valueOf(e.getMessage()), e);
    }
  }

  private Path signaturePath() {
    return signature != null ? signature : DefaultSignature.of(model);
  }

  private VerifyOptions options() {
    List<ModelPath> ignored = IgnorePaths.resolve(model, ignorePaths);
    try {
      VerifyOptions options =
          VerifyOptions.defaults()
              .withIgnorePaths(ignored)
              .withInsecureIgnoreUnsignedFiles(ignoreUnsignedFiles);
      return threads == null ? options : options.withThreads(threads);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(String.valueOf(e.getMessage()));
    }
  }

  private int exitCode(VerificationException e) {
    return VerificationExitCodes.of(e, signature != null);
  }

  private String render(VerifiedModel verified, Path signatureFile) {
    if (format == OutputFormat.json) {
      return SignatureJson.verified(verified, model, signatureFile);
    }
    PrintWriter err = spec.commandLine().getErr();
    for (String warning : verified.warnings()) {
      err.println("custody verify: warning: " + warning);
    }
    err.flush();
    String nl = System.lineSeparator();
    return "Verified "
        + Untrusted.quote(model.toString())
        + nl
        + "  root digest  "
        + verified.rootDigest()
        + nl
        + "  signed by    "
        + verified.signer().describe()
        + nl
        + "  trusted as   "
        + Untrusted.quote(verified.trustEntry())
        + nl
        + "  covers       "
        + SignatureJson.coverage(verified.manifest())
        + nl;
  }
}
