package dev.custody.sign;

import dev.custody.digest.DigestException;
import dev.custody.digest.DigestOptions;
import dev.custody.digest.ManifestCache;
import dev.custody.digest.ModelPaths;
import dev.custody.digest.SymlinkPolicy;
import dev.custody.format.oms.BundleReader;
import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import dev.custody.model.Manifest;
import dev.custody.model.ModelPath;
import dev.custody.model.Resource;
import dev.custody.model.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a model against its OMS signature and a trust policy: the signature must be well formed,
 * made by a trusted signer, over a consistent statement, and the model on disk must be exactly what
 * was signed. Every failure is a {@link VerificationException} that says why.
 *
 * <pre>{@code
 * TrustPolicy trust = TrustPolicy.ofKeys(List.of(TrustedKey.of("release", publicKey)));
 * VerifiedModel verified = new ModelVerifier(trust)
 *     .verify(Path.of("my-model"), Path.of("my-model/model.sig"), VerifyOptions.defaults());
 * verified.rootDigest();   // sha256:..., the model's identity
 * verified.signer();       // who vouched for it
 * }</pre>
 */
public final class ModelVerifier {
  private final SignatureChecker checker;

  /** A verifier trusting {@code trust}. */
  public ModelVerifier(TrustPolicy trust) {
    this(trust, Clock.systemUTC());
  }

  /** A verifier trusting {@code trust} whose "now" comes from {@code clock}. */
  public ModelVerifier(TrustPolicy trust, Clock clock) {
    this.checker = new SignatureChecker(trust, clock);
  }

  /** Checks a signature file's bytes against the trust policy, without looking at any model. */
  public VerifiedStatement verifySignature(byte[] bundleJson) throws VerificationException {
    return checker.check(bundleJson);
  }

  /**
   * Verifies {@code model} against the signature in {@code signatureFile}.
   *
   * @throws VerificationException saying which check failed (see its {@link
   *     VerificationException#reason() reason})
   */
  public VerifiedModel verify(Path model, Path signatureFile, VerifyOptions options)
      throws VerificationException {
    return verify(model, signatureFile, options, new ManifestCache());
  }

  /**
   * Verifies {@code model} against the signature in {@code signatureFile}, hashing the model
   * through {@code manifests}: a caller that also needs the model's digest (evidence gathering) or
   * checks several signatures hashes it once per way of hashing.
   *
   * @throws VerificationException saying which check failed
   */
  public VerifiedModel verify(
      Path model, Path signatureFile, VerifyOptions options, ManifestCache manifests)
      throws VerificationException {
    return verify(
        model,
        readSignature(signatureFile),
        ModelPaths.inside(model, signatureFile),
        options,
        manifests);
  }

  /**
   * Verifies {@code model} against a signature's bytes kept outside the model (an evidence store, a
   * registry), hashing the model through {@code manifests}.
   *
   * @throws VerificationException saying which check failed
   */
  public VerifiedModel verify(
      Path model, byte[] bundleJson, VerifyOptions options, ManifestCache manifests)
      throws VerificationException {
    return verify(model, bundleJson, Optional.empty(), options, manifests);
  }

  private VerifiedModel verify(
      Path model,
      byte[] bundleJson,
      Optional<ModelPath> signatureInModel,
      VerifyOptions options,
      ManifestCache manifests)
      throws VerificationException {
    VerifiedStatement statement = verifySignature(bundleJson);
    Manifest signed = statement.statement().manifest();
    Manifest actual = digest(model, signed, signatureInModel, options, manifests);
    ManifestDiff diff = ManifestDiff.between(signed, actual);
    if (!diff.isEmpty()) {
      throw new VerificationException(
          Untrusted.quote(model.toString())
              + " is not the model that was signed: "
              + diff.summary()
              + "; restore the signed files, or have the model signed again",
          diff);
    }
    List<String> warnings = new ArrayList<>(statement.warnings());
    warnings.addAll(uncoveredPaths(model, signed, signatureInModel));
    return new VerifiedModel(
        statement.signer(),
        statement.trustEntry(),
        signed,
        statement.statement().subjectDigest(),
        statement.statement().predicateType(),
        warnings);
  }

  private static byte[] readSignature(Path signatureFile) throws VerificationException {
    try {
      return BoundedFiles.read(signatureFile, BundleReader.MAX_BUNDLE_BYTES);
    } catch (NoSuchFileException e) {
      throw new VerificationException(
          VerificationException.Reason.SIGNATURE_UNREADABLE,
          "no signature at "
              + Untrusted.quote(signatureFile.toString())
              + "; the model is unsigned, or its signature is elsewhere (pass --signature FILE)",
          e);
    } catch (IOException e) {
      throw new VerificationException(
          VerificationException.Reason.SIGNATURE_UNREADABLE,
          "cannot read the signature " + Untrusted.quote(signatureFile.toString()) + ": " + e,
          e);
    }
  }

  /** Digests the model the way it was signed, plus the verifier's own ignored paths. */
  private static Manifest digest(
      Path model,
      Manifest signed,
      Optional<ModelPath> signatureInModel,
      VerifyOptions options,
      ManifestCache manifests)
      throws VerificationException {
    Serialization serialization = signed.serialization();
    List<ModelPath> ignored = new ArrayList<>(serialization.ignorePaths());
    ignored.addAll(options.ignorePaths());
    signatureInModel.ifPresent(ignored::add);
    DigestOptions digestOptions =
        DigestOptions.defaults()
            .withThreads(options.threads())
            .withHash(serialization.hash())
            .withShardSize(
                serialization instanceof Serialization.ShardSerialization shards
                    ? shards.shardSize()
                    : null)
            .withIgnoreGitPaths(false)
            .withIgnorePaths(ignored)
            .withSymlinks(
                serialization.allowSymlinks()
                    ? SymlinkPolicy.FOLLOW_INSIDE_MODEL
                    : SymlinkPolicy.REFUSE)
            // A signature over no files would make every file "unsigned", so any model would
            // pass; such a signature only ever vouches for an empty model.
            .withOnlyFiles(
                options.insecureIgnoreUnsignedFiles() && !signed.resources().isEmpty()
                    ? signedPaths(signed)
                    : null);
    try {
      return manifests.digest(model, digestOptions);
    } catch (DigestException e) {
      throw new VerificationException(
          VerificationException.Reason.MODEL_UNREADABLE, e.getMessage(), e);
    }
  }

  private static Set<ModelPath> signedPaths(Manifest signed) {
    Set<ModelPath> paths = new HashSet<>();
    for (Resource resource : signed.resources()) {
      paths.add(resource.path());
    }
    return paths;
  }

  /**
   * Paths the signature leaves out that exist in the model (other than the git paths and the
   * signature itself): whatever is there was not verified, and the user should know.
   */
  private static List<String> uncoveredPaths(
      Path model, Manifest signed, Optional<ModelPath> signature) {
    List<String> warnings = new ArrayList<>();
    for (ModelPath path : signed.serialization().ignorePaths()) {
      if (DigestOptions.GIT_PATHS.contains(path)
          || signature.filter(path::equals).isPresent()
          || !Files.exists(model.resolve(path.value()))) {
        continue;
      }
      warnings.add(
          "the signature leaves out "
              + Untrusted.quote(path.value())
              + ", which exists in the model and was not verified");
    }
    return warnings;
  }
}
