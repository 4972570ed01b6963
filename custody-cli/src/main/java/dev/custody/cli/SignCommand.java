package dev.custody.cli;

import dev.custody.digest.DigestException;
import dev.custody.digest.DigestOptions;
import dev.custody.internal.Untrusted;
import dev.custody.model.Manifest;
import dev.custody.sign.ModelSigner;
import dev.custody.sign.SignedModel;
import dev.custody.sign.SigningException;
import dev.custody.sign.SigningKey;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
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

  @Option(
      names = "--key",
      required = true,
      paramLabel = "KEY.pem",
      description = "EC private key (P-256, P-384 or P-521; PKCS#8 or SEC1 PEM, maybe encrypted).")
  Path key;

  @Option(
      names = "--password-env",
      paramLabel = "VARIABLE",
      description = "Environment variable holding an encrypted key's password.")
  String passwordVariable = KeyFiles.DEFAULT_PASSWORD_VARIABLE;

  @Option(
      names = "--cert",
      paramLabel = "LEAF.pem",
      description = "Sign with this certificate for the key (the X.509 method).")
  @Nullable Path certificate;

  @Option(
      names = "--cert-chain",
      paramLabel = "CA.pem",
      description = "Intermediate certificates to include after --cert. Repeatable.")
  List<Path> chain = new ArrayList<>();

  @Option(
      names = "--signature",
      paramLabel = "FILE",
      description = "Where to write the signature (default: MODEL/model.sig, or MODEL.sig).")
  @Nullable Path signature;

  @Mixin HashingOptions hashing = new HashingOptions();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output: text (default) or json.")
  OutputFormat format = OutputFormat.text;

  @Override
  public Integer call() {
    DigestOptions options = hashing.toDigestOptions(ModelArgument.given(model));
    Path target = signaturePath();
    ModelSigner signer = signer();
    SignedModel signed;
    try {
      signed = signer.signModel(model, target, options);
    } catch (SigningException e) {
      throw new CliFailure(exitCode(e), String.valueOf(e.getMessage()), e);
    }
    spec.commandLine().getOut().print(render(signed));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }

  private Path signaturePath() {
    return signature != null ? signature : DefaultSignature.of(model);
  }

  private ModelSigner signer() {
    SigningKey signingKey =
        KeyFiles.signingKey(
            "--key", key, passwordVariable, parent.environment(), parent.terminal());
    if (certificate == null) {
      if (!chain.isEmpty()) {
        throw CliFailure.usage("--cert-chain needs --cert (the signing certificate) as well");
      }
      return ModelSigner.withKey(signingKey);
    }
    List<X509Certificate> certificates =
        new ArrayList<>(KeyFiles.certificates("--cert", certificate));
    for (Path intermediate : chain) {
      certificates.addAll(KeyFiles.certificates("--cert-chain", intermediate));
    }
    try {
      return ModelSigner.withCertificates(signingKey, certificates);
    } catch (SigningException e) {
      throw CliFailure.usage(String.valueOf(e.getMessage()));
    }
  }

  private static int exitCode(SigningException e) {
    return e.getCause() instanceof DigestException digest
        ? DigestCommand.exitCode(digest)
        : ExitCode.OPERATIONAL;
  }

  private String render(SignedModel signed) {
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
              + signerLine(signed)
              + System.lineSeparator()
              + "  covers       "
              + SignatureJson.coverage(manifest)
              + System.lineSeparator()
              + "  signature    "
              + Untrusted.quote(signed.signatureFile().toString())
              + System.lineSeparator();
      case json -> SignatureJson.signed(signed);
    };
  }

  private String signerLine(SignedModel signed) {
    String key = "key " + signed.curve().displayName() + " sha256:" + signed.keyHint();
    return certificate == null
        ? key
        : "certificate " + Untrusted.quote(certificate.toString()) + ", " + key;
  }
}
