package dev.custody.cli;

import dev.custody.attest.AttestationVerifier;
import dev.custody.attest.VerifiedAttestation;
import dev.custody.digest.DigestOptions;
import dev.custody.format.oms.BundleReader;
import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.VerificationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/** {@code custody verify-attestation}: check a provenance attestation and show what it says. */
@Command(
    name = "verify-attestation",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Verify a model's provenance attestation and show the provenance.",
    description = {
      "Checks that the attestation is well formed SLSA v1 provenance, was signed by a signer you"
          + " trust, and is about MODEL: its subject must be MODEL's root digest, computed with the"
          + " hash and serialization the attestation records. Then prints what it says was used"
          + " to make the model.",
      "MODEL may also be a root digest (sha256:HEX); then --attestation is required. The"
          + " attestation is read from NAME.intoto.json beside MODEL unless --attestation names"
          + " it. Trust sources are those of 'custody verify'.",
      ""
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody verify-attestation my-model --key release.pub.pem",
      "  custody verify-attestation my-model --ca company-root.pem --attestation prov.json",
      "  custody verify-attestation sha256:5e1f...9a --attestation prov.json --key release.pub.pem",
      "  custody verify-attestation my-model --key release.pub.pem --format json"
    })
final class VerifyAttestationCommand implements Callable<Integer> {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  @Spec CommandSpec spec;

  @ParentCommand CustodyCommand parent;

  @Parameters(
      index = "0",
      paramLabel = "MODEL",
      description = "Model folder or single model file, or its root digest sha256:HEX.")
  String model;

  @Option(
      names = "--attestation",
      paramLabel = "FILE",
      description = "The attestation (default: NAME.intoto.json beside MODEL).")
  @Nullable Path attestation;

  @Mixin TrustOptions trust = new TrustOptions();

  @Option(
      names = "--ignore-path",
      paramLabel = "PATH",
      description =
          "Also leave out this file or folder when digesting MODEL (inside MODEL). Repeatable.")
  List<String> ignorePaths = new ArrayList<>();

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
    boolean byDigest = DIGEST.matcher(model).matches();
    if (byDigest && attestation == null) {
      throw CliFailure.usage("MODEL is a digest; name the attestation with --attestation FILE");
    }
    Path modelPath = byDigest ? null : ModelArgument.existing(Path.of(model));
    Path file = attestation != null ? attestation : DefaultAttestation.of(Path.of(model));
    TrustPolicy policy = trust.policy();
    PrintWriter out = spec.commandLine().getOut();
    try {
      AttestationVerifier verifier = new AttestationVerifier(policy);
      VerifiedAttestation verified =
          modelPath == null
              ? verifier.verify(Digest.parse(model), read(file))
              : verifier.verify(modelPath, file, options(modelPath));
      render(verified, file);
      return ExitCode.OK;
    } catch (VerificationException e) {
      if (format == OutputFormat.json) {
        out.print(ProvenanceJson.failed(e, model, file));
        out.flush();
      }
      throw new CliFailure(exitCode(e), String.valueOf(e.getMessage()), e);
    }
  }

  private static byte[] read(Path file) throws VerificationException {
    try {
      return BoundedFiles.read(file, BundleReader.MAX_BUNDLE_BYTES);
    } catch (NoSuchFileException e) {
      throw CliFailure.usage(
          "--attestation " + Untrusted.quote(file.toString()) + ": no such file");
    } catch (IOException e) {
      throw new VerificationException(
          VerificationException.Reason.SIGNATURE_UNREADABLE,
          "cannot read the attestation " + Untrusted.quote(file.toString()) + ": " + e,
          e);
    }
  }

  /** As 'custody attest' digests: a model.sig inside the folder is left out. */
  private DigestOptions options(Path modelPath) {
    try {
      DigestOptions options =
          DefaultSignature.leftOut(
              modelPath,
              DigestOptions.defaults()
                  .withIgnorePaths(IgnorePaths.resolve(modelPath, ignorePaths)));
      return threads == null ? options : options.withThreads(threads);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(String.valueOf(e.getMessage()));
    }
  }

  private void render(VerifiedAttestation verified, Path file) {
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      out.print(ProvenanceJson.verified(verified, model, file));
    } else {
      PrintWriter err = spec.commandLine().getErr();
      verified.warnings().forEach(w -> err.println("custody verify-attestation: warning: " + w));
      err.flush();
      out.print(ProvenanceText.verified(model, verified));
    }
    out.flush();
  }

  private int exitCode(VerificationException e) {
    return VerificationExitCodes.of(e, attestation != null);
  }
}
