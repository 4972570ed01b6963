package dev.custody.policy;

import dev.custody.format.pem.MalformedKeyException;
import dev.custody.format.pem.PemReader;
import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import dev.custody.sign.KeylessTrust;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.TrustedKey;
import dev.custody.sign.TrustedRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a policy's trust entries into a {@link TrustPolicy}, reading PEM files relative to the
 * policy's folder. A missing or malformed file is a {@link PolicyException} at its entry.
 */
final class TrustResolver {
  private final String file;
  private final Path folder;

  TrustResolver(String file, Path folder) {
    this.file = file;
    this.folder = folder;
  }

  Optional<TrustPolicy> resolve(List<TrustEntry> entries) throws PolicyException {
    List<TrustedKey> keys = new ArrayList<>();
    List<TrustedRoot> roots = new ArrayList<>();
    List<KeylessTrust> identities = new ArrayList<>();
    for (TrustEntry entry : entries) {
      switch (entry) {
        case TrustEntry.Key key -> keys.add(key(key));
        case TrustEntry.Root root -> {
          for (X509Certificate certificate : certificates(root)) {
            roots.add(new TrustedRoot(root.name(), certificate));
          }
        }
        case TrustEntry.Identity identity -> identities.add(identity(identity));
      }
    }
    if (keys.isEmpty() && roots.isEmpty() && identities.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TrustPolicy(keys, roots, identities));
  }

  private TrustedKey key(TrustEntry.Key key) throws PolicyException {
    try {
      return TrustedKey.of(key.name(), PemReader.readPublicKey(pem(key, key.publicKey())));
    } catch (MalformedKeyException e) {
      throw new PolicyException(
          file,
          key.mark(),
          "trusted key " + Untrusted.quote(key.name()) + ": " + e.getMessage(),
          e);
    }
  }

  private List<X509Certificate> certificates(TrustEntry.Root root) throws PolicyException {
    try {
      return PemReader.readCertificates(pem(root, root.certificate()));
    } catch (MalformedKeyException e) {
      throw new PolicyException(
          file,
          root.mark(),
          "trusted root " + Untrusted.quote(root.name()) + ": " + e.getMessage(),
          e);
    }
  }

  private KeylessTrust identity(TrustEntry.Identity identity) throws PolicyException {
    Path trustedRoot = folder.resolve(identity.trustedRoot());
    if (!Files.isRegularFile(trustedRoot)) {
      throw new PolicyException(
          file,
          identity.mark(),
          "trusted identity "
              + Untrusted.quote(identity.name())
              + ": trustedRoot "
              + Untrusted.quote(trustedRoot.toString())
              + " is not a file (expected a Sigstore trusted_root.json, relative to the policy)");
    }
    return new KeylessTrust(trustedRoot, identity.subject(), identity.issuer());
  }

  private byte[] pem(TrustEntry entry, PemSource source) throws PolicyException {
    return switch (source) {
      case PemSource.Inline inline -> inline.pem().getBytes(StandardCharsets.UTF_8);
      case PemSource.File pemFile -> read(entry, folder.resolve(pemFile.path()));
    };
  }

  private byte[] read(TrustEntry entry, Path path) throws PolicyException {
    try {
      return BoundedFiles.read(path, PemReader.MAX_PEM_BYTES);
    } catch (NoSuchFileException e) {
      throw new PolicyException(
          file,
          entry.mark(),
          "trust entry "
              + Untrusted.quote(entry.name())
              + ": no such file "
              + Untrusted.quote(path.toString())
              + " (paths are relative to the policy file's folder)",
          e);
    } catch (IOException e) {
      throw new PolicyException(
          file,
          entry.mark(),
          "trust entry "
              + Untrusted.quote(entry.name())
              + ": cannot read "
              + Untrusted.quote(path.toString()),
          e);
    }
  }
}
