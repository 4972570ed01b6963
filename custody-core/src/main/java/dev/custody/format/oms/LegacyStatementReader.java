package dev.custody.format.oms;

import dev.custody.format.json.JsonValue;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import dev.custody.model.Manifest;
import dev.custody.model.ModelPath;
import dev.custody.model.Resource;
import dev.custody.model.Serialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the OMS v0.2 statement ({@code https://model_signing/Digests/v0.1}): one subject per file,
 * each a SHA-256 digest with the annotation {@code actual_hash_algorithm: file-sha256}, and an
 * unused predicate. The manifest is files serialization with SHA-256 and nothing ignored; the root
 * digest is computed, since v0.2 recorded none.
 */
final class LegacyStatementReader {
  private static final String FILE_SHA256 = "file-sha256";

  private LegacyStatementReader() {}

  static SignedStatement read(StrictObject statement) throws MalformedBundleException {
    StrictObject predicate = statement.object("predicate");
    predicate.allowOnly(Set.of("unused"));
    List<JsonValue> subjects = statement.array("subject");
    if (subjects.isEmpty() || subjects.size() > StatementReader.MAX_RESOURCES) {
      throw new MalformedBundleException(
          "/subject has "
              + subjects.size()
              + " entries (expected 1 to "
              + StatementReader.MAX_RESOURCES
              + " files)");
    }
    List<Resource> resources = new ArrayList<>(subjects.size());
    Set<ModelPath> seen = new HashSet<>();
    for (int i = 0; i < subjects.size(); i++) {
      Resource resource = resource(StrictObject.element(subjects.get(i), "/subject", i));
      if (!seen.add(resource.path())) {
        throw new MalformedBundleException(
            "/subject/" + i + "/name repeats " + Untrusted.quote(resource.name()));
      }
      resources.add(resource);
    }
    resources.sort(null);
    Manifest manifest =
        new Manifest(
            "",
            new Serialization.FileSerialization(HashAlgorithm.SHA256, false, List.of()),
            resources);
    Digest root = manifest.rootDigest();
    return new SignedStatement(PredicateType.DIGESTS_V0_1, "", root, root, manifest);
  }

  private static Resource resource(StrictObject subject) throws MalformedBundleException {
    subject.allowOnly(Set.of("name", "digest", "annotations"));
    StrictObject annotations = subject.object("annotations");
    annotations.allowOnly(Set.of("actual_hash_algorithm"));
    String algorithm = annotations.string("actual_hash_algorithm");
    if (!algorithm.equals(FILE_SHA256)) {
      throw new MalformedBundleException(
          annotations.pointer("actual_hash_algorithm")
              + " is "
              + Untrusted.quote(algorithm)
              + " (expected "
              + FILE_SHA256
              + ", the only v0.2 serialization custody reads)");
    }
    ModelPath path = StatementReader.path(subject.string("name"), subject.pointer("name"));
    return new Resource(path, null, StatementReader.sha256(subject.object("digest")));
  }
}
