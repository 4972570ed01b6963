package dev.custody.lineage;

import dev.custody.attest.AttestationVerifier;
import dev.custody.attest.VerifiedAttestation;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.provenance.Provenance;
import dev.custody.provenance.ResolvedDependency;
import dev.custody.sign.TrustPolicy;
import dev.custody.sign.VerificationException;
import dev.custody.store.EvidenceKind;
import dev.custody.store.EvidenceStore;
import dev.custody.store.EvidenceStoreException;
import dev.custody.store.StoredEvidence;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a model's lineage through the attestations in an evidence store. Every attestation is
 * verified against the trust policy before anything it says is followed: a link whose signature
 * does not verify, or that is filed under an artifact it is not about, is marked broken and the
 * walk does not go past it. The store is never believed on its own; it only says where to look.
 * Thread-safe: each walk keeps its own count.
 *
 * <pre>{@code
 * Lineage lineage = new LineageWalker(store, TrustPolicy.ofKeys(keys), Clock.systemUTC())
 *     .walk(rootDigest, "distilled", Direction.BOTH);
 * }</pre>
 */
public final class LineageWalker {
  private final EvidenceStore store;
  private final AttestationVerifier verifier;
  private final LineageLimits limits;

  /** Artifacts visited by one walk: per call, so one walker serves concurrent walks. */
  private static final class Visited {
    private int count;
  }

  /** A walker with {@link LineageLimits#DEFAULT}. */
  public LineageWalker(EvidenceStore store, TrustPolicy trust, Clock clock) {
    this(store, trust, clock, LineageLimits.DEFAULT);
  }

  /** A walker with other limits. */
  public LineageWalker(EvidenceStore store, TrustPolicy trust, Clock clock, LineageLimits limits) {
    this.store = store;
    this.verifier = new AttestationVerifier(trust, clock);
    this.limits = limits;
  }

  /**
   * Walks from the model {@code start}, named {@code name}.
   *
   * @throws LineageException if the store cannot be listed
   */
  public Lineage walk(Digest start, String name, Direction direction) throws LineageException {
    Visited visited = new Visited();
    Optional<LineageNode> up =
        direction.up()
            ? Optional.of(up(start, name, Role.MODEL, new HashSet<>(), 0, visited))
            : Optional.empty();
    Optional<LineageNode> down =
        direction.down()
            ? Optional.of(down(start, name, Role.MODEL, List.of(), new HashSet<>(), 0, visited))
            : Optional.empty();
    return new Lineage(direction, up, down);
  }

  // ---- up: what it was made from

  private LineageNode up(
      Digest digest, String name, Role role, Set<Digest> path, int depth, Visited visited)
      throws LineageException {
    Optional<Link> stop = stop(digest, path, depth, visited);
    if (stop.isPresent()) {
      return new LineageNode(digest, name, role, List.of(stop.orElseThrow()), List.of());
    }
    List<Link> links = new ArrayList<>();
    Map<Digest, Input> inputs = new LinkedHashMap<>();
    for (StoredEvidence entry : attestations(digest)) {
      Checked checked = check(entry, digest);
      links.add(checked.link());
      checked.provenance().ifPresent(p -> collectInputs(p, inputs));
    }
    if (links.isEmpty() && role != Role.DATASET) {
      links.add(new Link.Missing());
    }
    Set<Digest> below = with(path, digest);
    List<LineageNode> next = new ArrayList<>();
    for (Input input : inputs.values()) {
      next.add(up(input.digest(), input.name(), input.role(), below, depth + 1, visited));
    }
    return new LineageNode(digest, name, role, links, next);
  }

  private record Input(Digest digest, String name, Role role) {}

  private static void collectInputs(Provenance provenance, Map<Digest, Input> into) {
    add(provenance.baseModels(), Role.BASE_MODEL, into);
    add(provenance.datasets(), Role.DATASET, into);
  }

  private static void add(
      List<ResolvedDependency> dependencies, Role role, Map<Digest, Input> into) {
    for (ResolvedDependency dependency : dependencies) {
      dependency
          .resource()
          .sha256()
          .ifPresent(digest ->
              into.putIfAbsent(digest, new Input(digest, name(dependency, digest), role)));
    }
  }

  private static String name(ResolvedDependency dependency, Digest digest) {
    String name = dependency.resource().name();
    return name == null || name.isBlank() ? digest.toString() : name;
  }

  private List<StoredEvidence> attestations(Digest digest) throws LineageException {
    try {
      return store.list(digest).stream().filter(e -> e.kind() == EvidenceKind.ATTESTATION).toList();
    } catch (EvidenceStoreException e) {
      throw new LineageException(String.valueOf(e.getMessage()), e);
    }
  }

  // ---- down: what was made from it

  private LineageNode down(
      Digest digest,
      String name,
      Role role,
      List<Link> links,
      Set<Digest> path,
      int depth,
      Visited visited)
      throws LineageException {
    Optional<Link> stop = stop(digest, path, depth, visited);
    if (stop.isPresent()) {
      List<Link> stopped = new ArrayList<>(links);
      stopped.add(stop.orElseThrow());
      return new LineageNode(digest, name, role, stopped, List.of());
    }
    List<StoredEvidence> dependents;
    try {
      dependents = store.dependents(digest);
    } catch (EvidenceStoreException e) {
      throw new LineageException(String.valueOf(e.getMessage()), e);
    }
    Set<Digest> below = with(path, digest);
    List<LineageNode> next = new ArrayList<>();
    for (StoredEvidence entry : dependents) {
      Checked checked = check(entry, entry.subject());
      Link link = checked.link();
      if (checked.provenance().isPresent()
          && !checked.provenance().orElseThrow().mentions(digest)) {
        link =
            new Link.DigestMismatch(
                entry.id(),
                digest,
                Optional.empty(),
                "the store files it as made from "
                    + digest
                    + ", but it names no such dataset or base model");
      }
      String childName =
          checked.provenance().map(p -> p.subject().name()).orElse(entry.subject().toString());
      next.add(
          link.broken()
              ? new LineageNode(entry.subject(), childName, Role.DERIVED, List.of(link), List.of())
              : down(
                  entry.subject(),
                  childName,
                  Role.DERIVED,
                  List.of(link),
                  below,
                  depth + 1,
                  visited));
    }
    return new LineageNode(digest, name, role, links, next);
  }

  // ---- shared

  /** The link state that stops the walk at {@code digest}, if any. */
  private Optional<Link> stop(Digest digest, Set<Digest> path, int depth, Visited visited) {
    if (path.contains(digest)) {
      return Optional.of(new Link.Cycle(digest));
    }
    if (depth > limits.maxDepth()) {
      return Optional.of(
          new Link.LimitReached("more than " + limits.maxDepth() + " generations from the start"));
    }
    if (++visited.count > limits.maxArtifacts()) {
      return Optional.of(
          new Link.LimitReached("more than " + limits.maxArtifacts() + " artifacts visited"));
    }
    return Optional.empty();
  }

  private static Set<Digest> with(Set<Digest> path, Digest digest) {
    Set<Digest> longer = new HashSet<>(path);
    longer.add(digest);
    return longer;
  }

  private record Checked(Link link, Optional<Provenance> provenance) {}

  /** One stored attestation, verified and compared with the subject it is filed under. */
  private Checked check(StoredEvidence entry, Digest subject) {
    byte[] bytes;
    try {
      bytes = store.read(entry);
    } catch (EvidenceStoreException e) {
      return new Checked(
          new Link.Unverifiable(entry.id(), "store-unreadable", String.valueOf(e.getMessage())),
          Optional.empty());
    }
    VerifiedAttestation verified;
    try {
      verified = verifier.verifySignature(bytes);
    } catch (VerificationException e) {
      return new Checked(
          new Link.Unverifiable(entry.id(), e.reason().token(), String.valueOf(e.getMessage())),
          Optional.empty());
    }
    if (!verified.subjectDigest().equals(subject)) {
      return new Checked(
          new Link.DigestMismatch(
              entry.id(),
              subject,
              Optional.of(verified.subjectDigest()),
              "filed under "
                  + subject
                  + " but attests "
                  + verified.subjectDigest()
                  + " ("
                  + Untrusted.quote(verified.provenance().subject().name())
                  + ")"),
          Optional.empty());
    }
    return new Checked(
        new Link.Verified(
            entry.id(),
            verified.signer().describe(),
            verified.provenance().runDetails().builderId()),
        Optional.of(verified.provenance()));
  }
}
