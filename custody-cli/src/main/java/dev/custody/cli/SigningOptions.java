package dev.custody.cli;

import dev.custody.sign.SigningException;
import dev.custody.sign.SigningKey;
import dev.custody.sign.StatementSigner;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The key and certificate options of every verb that signs: {@code sign}, {@code attest}. */
final class SigningOptions {
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

  /** The signer these options describe; unreadable keys and mismatched chains are usage errors. */
  StatementSigner signer(CustodyCommand parent) {
    SigningKey signingKey =
        KeyFiles.signingKey(
            "--key", key, passwordVariable, parent.environment(), parent.terminal());
    if (certificate == null) {
      if (!chain.isEmpty()) {
        throw CliFailure.usage("--cert-chain needs --cert (the signing certificate) as well");
      }
      return StatementSigner.withKey(signingKey);
    }
    List<X509Certificate> certificates =
        new ArrayList<>(KeyFiles.certificates("--cert", certificate));
    for (Path intermediate : chain) {
      certificates.addAll(KeyFiles.certificates("--cert-chain", intermediate));
    }
    try {
      return StatementSigner.withCertificates(signingKey, certificates);
    } catch (SigningException e) {
      throw CliFailure.usage(String.valueOf(e.getMessage()));
    }
  }

  /** One line naming the signer for the text output. */
  String describe(StatementSigner signer) {
    String keyLine = "key " + signer.curve().displayName() + " sha256:" + signer.keyHint();
    return certificate == null
        ? keyLine
        : "certificate "
            + dev.custody.internal.Untrusted.quote(certificate.toString())
            + ", "
            + keyLine;
  }
}
