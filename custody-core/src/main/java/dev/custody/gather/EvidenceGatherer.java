package dev.custody.gather;

import dev.custody.digest.DigestException;
import dev.custody.digest.DigestOptions;
import dev.custody.digest.ManifestCache;
import dev.custody.digest.ModelPaths;
import dev.custody.evidence.AttestationEvidence;
import dev.custody.evidence.Evidence;
import dev.custody.evidence.ModelEvidence;
import dev.custody.evidence.ModelFileEvidence;
import dev.custody.evidence.SignatureEvidence;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.model.Manifest;
import dev.custody.model.ModelPath;
import dev.custody.model.Resource;
import dev.custody.scan.ScanException;
import dev.custody.scan.ScanReport;
import dev.custody.scan.Scanner;
import dev.custody.sign.ModelVerifier;
import dev.custody.sign.SignatureFiles;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.VerificationException;
import dev.custody.sign.VerifiedModel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gathers the evidence about one model, through the library's entry points: the {@link Scanner},
 * the {@link ModelVerifier} for each signature, and the attestation and bill-of-materials sources.
 *
 * <p>The model is hashed once: signatures are verified first, through one {@link ManifestCache},
 * and the model's own root digest comes from a verified signature's manifest (which the files on
 * disk matched) or, when none verified, from the cache, which already holds the digest if a
 * signature was compared with the model the default way. Only a signature made with another hash or
 * serialization costs a second pass. The scan reads the files itself; it does not hash. With an
 * evidence store ({@link GatherOptions#withStore}), what it holds under the root digest is checked
 * the same way and added after the evidence found beside the model.
 *
 * <pre>{@code
 * Evidence evidence = new EvidenceGatherer(Scanner.standard(), Optional.of(trust))
 *     .gather(Path.of("my-model"), GatherOptions.defaults());
 * }</pre>
 */
public final class EvidenceGatherer {
  private final Scanner scanner;
  private final Optional<TrustPolicy> trust;
  private final AttestationSource attestations;
  private final BomSource bom;
  private final Clock clock;

  /** A gatherer with no attestation or bill-of-materials source. */
  public EvidenceGatherer(Scanner scanner, Optional<TrustPolicy> trust) {
    this(scanner, trust, AttestationSource.NONE, BomSource.NONE, Clock.systemUTC());
  }

  /**
   * A gatherer.
   *
   * @param scanner scans the model's files
   * @param trust whom to believe; empty when the policy trusts no one (every signature then fails
   *     with {@code no-trust-configured})
   * @param attestations where attestations come from
   * @param bom where bill-of-materials facts come from
   * @param clock the time of gathering, and "now" for certificate checks
   */
  public EvidenceGatherer(
      Scanner scanner,
      Optional<TrustPolicy> trust,
      AttestationSource attestations,
      BomSource bom,
      Clock clock) {
    this.scanner = scanner;
    this.trust = trust;
    this.attestations = attestations;
    this.bom = bom;
    this.clock = clock;
  }

  /**
   * Gathers the evidence about {@code model}.
   *
   * @throws GatherException if the model does not exist or cannot be read or hashed
   */
  public Evidence gather(Path model, GatherOptions options) throws GatherException {
    if (!Files.exists(model, LinkOption.NOFOLLOW_LINKS)) {
      throw new GatherException(
          GatherException.Reason.NOT_FOUND,
          "model " + Untrusted.quote(model.toString()) + " does not exist",
          new java.nio.file.NoSuchFileException(model.toString()));
    }
    ManifestCache manifests = new ManifestCache();
    List<Path> signatureFiles = signatureFiles(model, options);
    List<SignatureEvidence> signatures = new ArrayList<>();
    Optional<VerifiedModel> firstVerified = Optional.empty();
    for (Path file : signatureFiles) {
      Outcome outcome = verify(model, file, options, manifests);
      signatures.add(outcome.evidence());
      if (firstVerified.isEmpty()) {
        firstVerified = outcome.verified();
      }
    }
    ModelEvidence modelEvidence = modelEvidence(model, signatureFiles, firstVerified, manifests);
    Digest root = modelEvidence.rootDigest();
    List<AttestationEvidence> attested = new ArrayList<>(attestations.attestations(model, root));
    if (options.store().isPresent()) {
      FromStore.Found stored =
          new FromStore(options.store().orElseThrow(), trust, clock)
              .about(model, root, options.verify(), manifests);
      signatures.addAll(stored.signatures());
      attested.addAll(stored.attestations());
    }
    ScanReport report = scan(model);
    return new Evidence(
        modelEvidence,
        ScanFacts.of(model, report),
        signatures,
        attested,
        bom.bom(model, root),
        clock.instant());
  }

  private static List<Path> signatureFiles(Path model, GatherOptions options) {
    if (!options.signatures().isEmpty()) {
      return options.signatures();
    }
    Path standard = SignatureFiles.defaultFor(model);
    return Files.exists(standard, LinkOption.NOFOLLOW_LINKS) ? List.of(standard) : List.of();
  }

  private record Outcome(SignatureEvidence evidence, Optional<VerifiedModel> verified) {}

  private Outcome verify(Path model, Path file, GatherOptions options, ManifestCache manifests)
      throws GatherException {
    String source = source(model, file);
    if (trust.isEmpty()) {
      return new Outcome(noTrust(source), Optional.empty());
    }
    try {
      VerifiedModel verified =
          new ModelVerifier(trust.orElseThrow(), clock)
              .verify(model, file, options.verify(), manifests);
      return new Outcome(SignerFacts.verified(source, verified), Optional.of(verified));
    } catch (VerificationException e) {
      if (e.reason() == VerificationException.Reason.MODEL_UNREADABLE) {
        throw new GatherException(
            GatherException.Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
      }
      return new Outcome(SignerFacts.failed(source, e), Optional.empty());
    }
  }

  static SignatureEvidence noTrust(String source) {
    return new SignatureEvidence.Failed(
        source,
        "no-trust-configured",
        "the policy trusts no key, certificate authority or keyless identity, so no"
            + " signature can verify; add one under trust:");
  }

  /** Model-relative when the signature is inside the model, else as given. */
  private static String source(Path model, Path file) {
    return ModelPaths.inside(model, file).map(ModelPath::value).orElse(file.toString());
  }

  private static ModelEvidence modelEvidence(
      Path model,
      List<Path> signatureFiles,
      Optional<VerifiedModel> verified,
      ManifestCache manifests)
      throws GatherException {
    if (verified.isPresent()) {
      Manifest signed = verified.orElseThrow().manifest();
      return new ModelEvidence(
          signed.modelName(), verified.orElseThrow().rootDigest(), files(signed));
    }
    List<ModelPath> ignored = new ArrayList<>();
    for (Path file : signatureFiles) {
      ModelPaths.inside(model, file).ifPresent(ignored::add);
    }
    try {
      Manifest manifest =
          manifests.digest(model, DigestOptions.defaults().withIgnorePaths(ignored));
      return new ModelEvidence(manifest.modelName(), manifest.rootDigest(), files(manifest));
    } catch (DigestException e) {
      throw new GatherException(
          GatherException.Reason.UNREADABLE, String.valueOf(e.getMessage()), e);
    }
  }

  private static List<ModelFileEvidence> files(Manifest manifest) {
    List<ModelFileEvidence> files = new ArrayList<>(manifest.resources().size());
    for (Resource resource : manifest.resources()) {
      files.add(new ModelFileEvidence(resource.name(), resource.digest()));
    }
    return files;
  }

  private ScanReport scan(Path model) throws GatherException {
    try {
      return scanner.scan(List.of(model));
    } catch (ScanException e) {
      throw new GatherException(
          e.reason() == ScanException.Reason.NOT_FOUND
              ? GatherException.Reason.NOT_FOUND
              : GatherException.Reason.UNREADABLE,
          String.valueOf(e.getMessage()),
          e);
    }
  }
}
