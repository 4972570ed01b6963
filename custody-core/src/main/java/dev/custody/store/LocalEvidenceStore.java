package dev.custody.store;

import dev.custody.format.oms.BundleReader;
import dev.custody.internal.AtomicFiles;
import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An evidence store in a folder, content-addressed:
 *
 * <pre>
 * STORE/sha256/SUBJECT/signature-ID.json        an OMS signature of the model SUBJECT
 * STORE/sha256/SUBJECT/attestation-ID.json      a provenance attestation of SUBJECT
 * STORE/dependents/sha256/DEPENDENCY/SUBJECT-ID an empty marker: attestation ID of SUBJECT
 *                                               names DEPENDENCY among its resolved dependencies
 * </pre>
 *
 * SUBJECT, DEPENDENCY and ID are lowercase hex SHA-256 digests (ID of the file's bytes), checked
 * before they become path names, so no statement can steer a write outside the store. Files are
 * written atomically; listings skip names of any other shape and stop at {@link #MAX_LISTED}.
 */
public final class LocalEvidenceStore implements EvidenceStore {
  /** The environment variable that names the store, before the XDG default. */
  public static final String ENVIRONMENT_VARIABLE = "CUSTODY_STORE";

  /** The most entries one listing returns. */
  public static final int MAX_LISTED = 10_000;

  private static final Pattern EVIDENCE =
      Pattern.compile("(signature|attestation)-([0-9a-f]{64})\\.json");
  private static final Pattern DEPENDENT = Pattern.compile("([0-9a-f]{64})-([0-9a-f]{64})");
  private static final String SHA256 = "sha256";

  private final Path root;

  /** A store in {@code root} (created on the first write). */
  public LocalEvidenceStore(Path root) {
    this.root = root;
  }

  /**
   * Where the store lives unless told otherwise: {@code $CUSTODY_STORE}, else {@code
   * $XDG_DATA_HOME/custody/store}, else {@code HOME/.local/share/custody/store}.
   */
  public static Path defaultLocation(Map<String, String> environment, Path home) {
    String named = environment.get(ENVIRONMENT_VARIABLE);
    if (named != null && !named.isEmpty()) {
      return Path.of(named);
    }
    String data = environment.get("XDG_DATA_HOME");
    Path base =
        data != null && !data.isEmpty() && Path.of(data).isAbsolute()
            ? Path.of(data)
            : home.resolve(".local").resolve("share");
    return base.resolve("custody").resolve("store");
  }

  /** The store's folder. */
  public Path root() {
    return root;
  }

  @Override
  public StoredEvidence put(byte[] bundleJson) throws EvidenceStoreException {
    EvidenceIndex index = EvidenceIndex.of(bundleJson);
    StoredEvidence evidence = new StoredEvidence(index.kind(), index.subject(), sha256(bundleJson));
    Path file = file(evidence);
    try {
      Files.createDirectories(file.getParent());
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        AtomicFiles.write(file, bundleJson);
      }
      for (Digest dependency : index.dependencies()) {
        Path folder = dependentsFolder(dependency);
        Files.createDirectories(folder);
        Path marker = folder.resolve(evidence.subject().hex() + "-" + evidence.id().hex());
        if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
          AtomicFiles.write(marker, new byte[0]);
        }
      }
    } catch (IOException e) {
      throw new EvidenceStoreException(
          "cannot write to the evidence store "
              + Untrusted.quote(root.toString())
              + " ("
              + e
              + "); check that it is a writable folder, or name another with --store",
          e);
    }
    return evidence;
  }

  @Override
  public List<StoredEvidence> list(Digest subject) throws EvidenceStoreException {
    List<StoredEvidence> found = new ArrayList<>();
    for (String name : names(subjectFolder(subject))) {
      Matcher match = EVIDENCE.matcher(name);
      if (match.matches()) {
        EvidenceKind kind =
            match.group(1).equals("signature") ? EvidenceKind.SIGNATURE : EvidenceKind.ATTESTATION;
        found.add(
            new StoredEvidence(kind, subject, new Digest(HashAlgorithm.SHA256, match.group(2))));
      }
    }
    found.sort(Comparator.comparing(StoredEvidence::kind).thenComparing(e -> e.id().hex()));
    return found;
  }

  @Override
  public List<StoredEvidence> dependents(Digest dependency) throws EvidenceStoreException {
    if (dependency.algorithm() != HashAlgorithm.SHA256) {
      return List.of();
    }
    List<StoredEvidence> found = new ArrayList<>();
    for (String name : names(dependentsFolder(dependency))) {
      Matcher match = DEPENDENT.matcher(name);
      if (match.matches()) {
        found.add(
            new StoredEvidence(
                EvidenceKind.ATTESTATION,
                new Digest(HashAlgorithm.SHA256, match.group(1)),
                new Digest(HashAlgorithm.SHA256, match.group(2))));
      }
    }
    found.sort(
        Comparator.comparing((StoredEvidence e) -> e.subject().hex())
            .thenComparing(e -> e.id().hex()));
    return found;
  }

  @Override
  public byte[] read(StoredEvidence evidence) throws EvidenceStoreException {
    Path file = file(evidence);
    byte[] bytes;
    try {
      bytes = BoundedFiles.read(file, BundleReader.MAX_BUNDLE_BYTES);
    } catch (NoSuchFileException e) {
      throw new EvidenceStoreException(
          "the evidence store has no " + evidence.kind().fileNamePrefix() + " " + evidence.id(), e);
    } catch (IOException e) {
      throw new EvidenceStoreException(
          "cannot read " + Untrusted.quote(file.toString()) + " (" + e + ")", e);
    }
    if (!sha256(bytes).equals(evidence.id())) {
      throw new EvidenceStoreException(
          Untrusted.quote(file.toString())
              + " no longer holds the evidence filed under that name (its bytes changed); remove"
              + " it and file the evidence again",
          null);
    }
    return bytes;
  }

  private Path subjectFolder(Digest subject) throws EvidenceStoreException {
    if (subject.algorithm() != HashAlgorithm.SHA256) {
      throw new EvidenceStoreException("evidence is filed by sha256 digests, not " + subject, null);
    }
    return root.resolve(SHA256).resolve(subject.hex());
  }

  private Path dependentsFolder(Digest dependency) {
    return root.resolve("dependents").resolve(SHA256).resolve(dependency.hex());
  }

  private Path file(StoredEvidence evidence) throws EvidenceStoreException {
    return subjectFolder(evidence.subject())
        .resolve(evidence.kind().fileNamePrefix() + "-" + evidence.id().hex() + ".json");
  }

  /** The names in {@code folder}, at most {@link #MAX_LISTED}; none if it does not exist. */
  private List<String> names(Path folder) throws EvidenceStoreException {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        if (names.size() == MAX_LISTED) {
          break;
        }
        Path name = entry.getFileName();
        if (name != null) {
          names.add(name.toString());
        }
      }
    } catch (IOException e) {
      throw new EvidenceStoreException(
          "cannot list " + Untrusted.quote(folder.toString()) + " (" + e + ")", e);
    }
    return names;
  }

  private static Digest sha256(byte[] bytes) {
    try {
      return Digest.of(HashAlgorithm.SHA256, MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java SE JDK has SHA-256", e);
    }
  }

  /** For messages. */
  @Override
  public String toString() {
    return "evidence store " + root;
  }
}
