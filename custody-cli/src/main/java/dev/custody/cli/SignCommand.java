package dev.custody.cli;

import dev.custody.digest.DigestException;
import dev.custody.digest.DigestOptions;
import dev.custody.format.oms.BundleWriter;
import dev.custody.internal.Untrusted;
import dev.custody.model.Manifest;
import dev.custody.sign.ModelSigner;
import dev.custody.sign.SignedModel;
import dev.custody.sign.SigningException;
import dev.custody.sign.StatementSigner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code custody sign}: an OMS signature of a model, with a key or a certificate. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Sign a model in the OpenSSF Model Signing format.",
    description = {
      "Hashes MODEL (a folder or a single file) as 'custody digest' does and writes a signature"
          + " (a Sigstore bundle) that the reference model_signing verifies too.",
      "The signature goes to MODEL/model.sig for a folder and MODEL.sig beside a single file,"
          + " unless --signature says otherwise. A signature inside the model folder is left out"
          + " of the hash and recorded as ignored.",
      "An encrypted key's password is read from the environment variable named by"
          + " --password-env (default CUSTODY_KEY_PASSWORD), or asked for on a terminal; it is"
          + " never an argument.",
      ""
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  custody keygen --out release",
      "  custody sign my-model --key release.pem",
      "  custody sign my-model --key signer.pem --cert signer-cert.pem --cert-chain ca-int.pem",
      "  custody sign model.safetensors --key release.pem --signature model.safetensors.sig"
    })
final class SignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand CustodyCommand parent;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model folder or single model file.")
  Path model;

  @Mixin SigningOptions signing = new SigningOptions();

  @Option(
      names = "--signature",
      paramLabel = "FILE",
      description = "Where to write the signature (default: MODEL/model.sig, or MODEL.sig).")
  @Nullable Path signature;

  @Mixin HashingOptions hashing = new HashingOptions();

  @Mixin StoreOption store = new StoreOption();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output: text (default) or json.")
  OutputFormat format = OutputFormat.text;

  @Override
  public Integer call() {
    DigestOptions options = hashing.toDigestOptions(ModelArgument.given(model));
    Path target = signaturePath();
    StatementSigner statementSigner = signing.signer(parent);
    ModelSigner signer = ModelSigner.of(statementSigner);
    SignedModel signed;
    try {
      signed = signer.signModel(model, target, options);
    } catch (SigningException e) {
      throw new CliFailure(exitCode(e), String.valueOf(e.getMessage()), e);
    }
    String stored =
        store.requested() ? store.record(parent, BundleWriter.write(signed.bundle())) : null;
    spec.commandLine().getOut().print(render(signed, statementSigner, stored));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }

  private Path signaturePath() {
    return signature != null ? signature : DefaultSignature.of(model);
  }

  private static int exitCode(SigningException e) {
    return e.getCause() instanceof DigestException digest
        ? DigestCommand.exitCode(digest)
        : ExitCode.OPERATIONAL;
  }

  private String render(SignedModel signed, StatementSigner signer, @Nullable String stored) {
    Manifest manifest = signed.manifest();
    return switch (format) {
      case text ->
          "Signed "
              + Untrusted.quote(model.toString())
              + System.lineSeparator()
              + "  root digest  "
              + manifest.rootDigest()
              + System.lineSeparator()
              + "  signed with  "
              + signing.describe(signer)
              + System.lineSeparator()
              + "  covers       "
              + SignatureJson.coverage(manifest)
              + System.lineSeparator()
              + "  signature    "
              + Untrusted.quote(signed.signatureFile().toString())
              + System.lineSeparator()
              + (stored == null ? "" : "  stored       " + stored + System.lineSeparator());
      case json -> SignatureJson.signed(signed);
    };
  }
}
