package dev.custody.sign;

import dev.custody.digest.DigestException;
import dev.custody.digest.DigestOptions;
import dev.custody.digest.ModelDigester;
import dev.custody.digest.ModelPaths;
import dev.custody.format.oms.Bundle;
import dev.custody.format.oms.BundleWriter;
import dev.custody.format.oms.StatementWriter;
import dev.custody.internal.AtomicFiles;
import dev.custody.internal.Untrusted;
import dev.custody.model.Manifest;
import dev.custody.model.ModelPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signs models in the OpenSSF Model Signing format with an EC key, optionally bound to an X.509
 * certificate chain. The bundle is what the reference {@code model_signing} writes, so its verifier
 * accepts it.
 *
 * <pre>{@code
 * ModelSigner signer = ModelSigner.withKey(key);
 * signer.signModel(Path.of("my-model"), Path.of("my-model/model.sig"), DigestOptions.defaults());
 * }</pre>
 */
public final class ModelSigner {
  private final StatementSigner signer;

  private ModelSigner(StatementSigner signer) {
    this.signer = signer;
  }

  /** A signer whose bundles name the key by its hint (the OMS "key" method). */
  public static ModelSigner withKey(SigningKey key) {
    return new ModelSigner(StatementSigner.withKey(key));
  }

  /**
   * A signer whose bundles carry {@code chain}: the signing certificate first, then intermediates
   * (the root stays with the verifier).
   *
   * @throws SigningException if the chain is empty, the leaf certifies another key, or the leaf may
   *     not sign code (its key usage or extended key usage forbid it)
   */
  public static ModelSigner withCertificates(SigningKey key, List<X509Certificate> chain)
      throws SigningException {
    return new ModelSigner(StatementSigner.withCertificates(key, chain));
  }

  /** A model signer over an existing statement signer. */
  public static ModelSigner of(StatementSigner signer) {
    return new ModelSigner(signer);
  }

  /** Signs a manifest that was already made. */
  public Bundle sign(Manifest manifest) {
    return signer.sign(StatementWriter.write(manifest));
  }

  /**
   * Digests {@code model}, signs it and writes the bundle to {@code signatureFile} (atomically: a
   * reader never sees half a signature). A signature file inside the model is left out of the
   * digest and listed in the signed {@code ignore_paths}, as the reference CLI does.
   *
   * @throws SigningException if the model cannot be digested or has no file to sign, or the
   *     signature cannot be written
   */
  public SignedModel signModel(Path model, Path signatureFile, DigestOptions options)
      throws SigningException {
    if (Files.isDirectory(signatureFile)) {
      throw new SigningException(
          "the signature path "
              + Untrusted.quote(signatureFile.toString())
              + " is a folder; give a file name such as model.sig");
    }
    Optional<ModelPath> inside = ModelPaths.inside(model, signatureFile);
    DigestOptions withSignature = options;
    if (inside.isPresent()) {
      List<ModelPath> ignored = new ArrayList<>(options.ignorePaths());
      ignored.add(inside.get());
      withSignature = options.withIgnorePaths(ignored);
    } else if (sameFile(model, signatureFile)) {
      throw new SigningException(
          "the signature file would overwrite the model itself; write it beside the model"
              + " (the default for a single file is MODEL.sig)");
    }
    Manifest manifest = digest(model, withSignature);
    Bundle bundle = sign(manifest);
    write(signatureFile, BundleWriter.write(bundle));
    return new SignedModel(manifest, bundle, signatureFile, signer.curve(), signer.keyHint());
  }

  private static Manifest digest(Path model, DigestOptions options) throws SigningException {
    Manifest manifest;
    try {
      manifest = new ModelDigester(options).digest(model);
    } catch (DigestException e) {
      throw new SigningException(e.getMessage(), e);
    }
    if (manifest.resources().isEmpty()) {
      throw new SigningException(
          Untrusted.quote(model.toString())
              + " has no file to sign (after ignored paths); a signature over nothing vouches for"
              + " nothing: check the model path and the ignored paths");
    }
    return manifest;
  }

  private static boolean sameFile(Path model, Path signatureFile) {
    try {
      return Files.exists(signatureFile) && Files.isSameFile(model, signatureFile);
    } catch (IOException e) {
      return false;
    }
  }

  private static void write(Path target, byte[] bytes) throws SigningException {
    try {
      AtomicFiles.write(target, bytes);
    } catch (IOException e) {
      throw new SigningException(
          "could not write the signature to "
              + Untrusted.quote(target.toString())
              + " ("
              + e
              + "); check that the folder exists and is writable",
          e);
    }
  }
}
