package dev.custody.cli;

import dev.custody.internal.Untrusted;
import dev.custody.sign.KeylessTrust;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.TrustedKey;
import dev.custody.sign.TrustedRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The trust source of every verb that verifies: {@code verify}, {@code verify-attestation}. Exactly
 * one kind: public keys, certificate authorities, or a keyless identity with its trusted root.
 */
final class TrustOptions {
  @Option(
      names = "--key",
      paramLabel = "PUB.pem",
      description = "Trust signatures by this EC public key. Repeatable.")
  List<Path> keys = new ArrayList<>();

  @Option(
      names = "--ca",
      paramLabel = "ROOT.pem",
      description = "Trust certificates issued under this CA certificate. Repeatable.")
  List<Path> roots = new ArrayList<>();

  @Option(
      names = "--trusted-root",
      paramLabel = "FILE",
      description = "Sigstore trusted_root.json for keyless signatures (read offline).")
  @Nullable Path trustedRoot;

  @Option(
      names = "--identity",
      paramLabel = "ID",
      description = "Keyless: the signer identity (email or URI) that must match exactly.")
  @Nullable String identity;

  @Option(
      names = "--issuer",
      paramLabel = "URL",
      description = "Keyless: the OIDC issuer that must match exactly.")
  @Nullable String issuer;

  /** The policy these options describe; none or several kinds are usage errors. */
  TrustPolicy policy() {
    int sources =
        (keys.isEmpty() ? 0 : 1)
            + (roots.isEmpty() ? 0 : 1)
            + (trustedRoot == null && identity == null && issuer == null ? 0 : 1);
    if (sources != 1) {
      throw CliFailure.usage(
          (sources == 0 ? "no trust source given" : "more than one kind of trust source given")
              + "; give one of --key PUB.pem, --ca ROOT.pem, or --trusted-root FILE with"
              + " --identity and --issuer");
    }
    if (!keys.isEmpty()) {
      List<TrustedKey> trusted = new ArrayList<>();
      keys.forEach(key -> trusted.add(KeyFiles.trustedKey("--key", key)));
      return TrustPolicy.ofKeys(trusted);
    }
    if (!roots.isEmpty()) {
      List<TrustedRoot> trusted = new ArrayList<>();
      roots.forEach(root -> trusted.addAll(KeyFiles.trustedRoots("--ca", root)));
      return TrustPolicy.ofRoots(trusted);
    }
    return TrustPolicy.ofIdentity(keyless());
  }

  private KeylessTrust keyless() {
    if (trustedRoot == null || identity == null || issuer == null) {
      throw CliFailure.usage(
          "keyless verification needs all three of --trusted-root, --identity and --issuer");
    }
    if (!Files.isRegularFile(trustedRoot)) {
      throw CliFailure.usage(
          "--trusted-root " + Untrusted.quote(trustedRoot.toString()) + ": no such file");
    }
    try {
      return new KeylessTrust(trustedRoot, identity, issuer);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(String.valueOf(e.getMessage()));
    }
  }
}
