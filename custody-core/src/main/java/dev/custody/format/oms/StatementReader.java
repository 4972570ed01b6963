package dev.custody.format.oms;

import dev.custody.format.json.JsonValue;
import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import dev.custody.model.Manifest;
import dev.custody.model.ModelPath;
import dev.custody.model.Resource;
import dev.custody.model.Serialization;
import dev.custody.model.ShardRange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the in-toto statement inside an OMS envelope into the signed manifest. Strict like the
 * bundle reader: unknown fields, a second subject, a resource whose algorithm does not match the
 * serialization, a repeated name, or a shard that does not fit its shard size are all refused.
 *
 * <p>The reference verifier ignores unknown predicate fields; custody refuses them, because a field
 * it does not understand may change what the signature means.
 */
public final class StatementReader {
  /** The in-toto statement type OMS uses. */
  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";

  /** The most resources read from one statement (the digest engine's default limit). */
  public static final int MAX_RESOURCES = 100_000;

  private static final Set<String> STATEMENT_FIELDS =
      Set.of("_type", "subject", "predicateType", "predicate");
  private static final Set<String> SERIALIZATION_FIELDS =
      Set.of("method", "hash_type", "allow_symlinks", "ignore_paths", "shard_size");
  private static final Set<String> RESOURCE_FIELDS = Set.of("name", "algorithm", "digest");

  private StatementReader() {}

  /**
   * Reads a statement.
   *
   * @param payload the envelope's payload bytes
   * @throws MalformedBundleException naming the first field that breaks the format
   */
  public static SignedStatement read(byte[] payload) throws MalformedBundleException {
    StrictObject statement =
        StrictObject.parse(payload, "signed statement", BundleReader.MAX_BUNDLE_BYTES);
    statement.allowOnly(STATEMENT_FIELDS);
    String type = statement.string("_type");
    if (!type.equals(STATEMENT_TYPE)) {
      throw new MalformedBundleException(
          "/_type is " + Untrusted.quote(type) + " (expected " + STATEMENT_TYPE + ")");
    }
    String predicateType = statement.string("predicateType");
    if (predicateType.equals(PredicateType.SIGNATURE_V1.uri())) {
      return readV1(statement);
    }
    if (predicateType.equals(PredicateType.DIGESTS_V0_1.uri())) {
      return LegacyStatementReader.read(statement);
    }
    throw new MalformedBundleException(
        "/predicateType is "
            + Untrusted.quote(predicateType)
            + " (expected "
            + PredicateType.SIGNATURE_V1.uri()
            + "); this is not a model signature");
  }

  private static SignedStatement readV1(StrictObject statement) throws MalformedBundleException {
    List<JsonValue> subjects = statement.array("subject");
    if (subjects.size() != 1) {
      throw new MalformedBundleException(
          "/subject has "
              + subjects.size()
              + " entries (expected exactly one: the model's root digest)");
    }
    StrictObject subject = StrictObject.element(subjects.get(0), "/subject", 0);
    subject.allowOnly(Set.of("name", "digest"));
    String name = subject.string("name");
    Digest subjectDigest = sha256(subject.object("digest"));
    StrictObject predicate = statement.object("predicate");
    predicate.allowOnly(Set.of("serialization", "resources"));
    Serialization serialization = serialization(predicate.object("serialization"));
    List<Resource> listed = resources(predicate, serialization);
    Digest listedRoot = Manifest.rootDigestOf(listed);
    List<Resource> sorted = new ArrayList<>(listed);
    sorted.sort(null);
    Manifest manifest;
    try {
      manifest = new Manifest(name, serialization, sorted);
    } catch (IllegalArgumentException e) {
      throw new MalformedBundleException("/predicate/resources: " + e.getMessage(), e);
    }
    return new SignedStatement(
        PredicateType.SIGNATURE_V1, name, subjectDigest, listedRoot, manifest);
  }

  /** The {@code digest} object of a subject: exactly one sha256 entry. */
  static Digest sha256(StrictObject digest) throws MalformedBundleException {
    digest.allowOnly(Set.of("sha256"));
    return digest(HashAlgorithm.SHA256, digest.string("sha256"), digest.pointer("sha256"));
  }

  static Digest digest(HashAlgorithm algorithm, String hex, String pointer)
      throws MalformedBundleException {
    try {
      return new Digest(algorithm, hex);
    } catch (IllegalArgumentException e) {
      throw new MalformedBundleException(pointer + ": " + e.getMessage(), e);
    }
  }

  private static Serialization serialization(StrictObject object) throws MalformedBundleException {
    object.allowOnly(SERIALIZATION_FIELDS);
    String method = object.string("method");
    HashAlgorithm hash = hash(object);
    boolean allowSymlinks = object.bool("allow_symlinks");
    List<ModelPath> ignored = new ArrayList<>();
    List<JsonValue> items = object.optionalArray("ignore_paths");
    for (int i = 0; i < items.size(); i++) {
      ignored.add(path(items.get(i), object.pointer("ignore_paths") + "/" + i));
    }
    try {
      return switch (method) {
        case "files" -> {
          if (object.has("shard_size")) {
            throw new MalformedBundleException(
                object.pointer("shard_size") + " is set for files serialization (expected none)");
          }
          yield new Serialization.FileSerialization(hash, allowSymlinks, ignored);
        }
        case "shards" ->
            new Serialization.ShardSerialization(hash, shardSize(object), allowSymlinks, ignored);
        default ->
            throw new MalformedBundleException(
                object.pointer("method")
                    + " is "
                    + Untrusted.quote(method)
                    + " (expected files or shards)");
      };
    } catch (IllegalArgumentException e) {
      throw new MalformedBundleException(object.pointer() + ": " + e.getMessage(), e);
    }
  }

  private static HashAlgorithm hash(StrictObject object) throws MalformedBundleException {
    String name = object.string("hash_type");
    for (HashAlgorithm algorithm : HashAlgorithm.values()) {
      if (algorithm.omsName().equals(name)) {
        return algorithm;
      }
    }
    throw new MalformedBundleException(
        object.pointer("hash_type")
            + " is "
            + Untrusted.quote(name)
            + " (expected sha256, blake2b or blake3)");
  }

  /**
   * The shard size: an integer, or an integral float such as {@code 16.0}, which is how the
   * reference writes it (its predicate passes through a protobuf Struct, whose numbers are
   * doubles).
   */
  private static long shardSize(StrictObject object) throws MalformedBundleException {
    JsonValue node = object.node("shard_size");
    String problem = "is " + node.kind();
    if (node instanceof JsonValue.JsonNumber number) {
      BigDecimal value = number.value();
      try {
        return value.longValueExact();
      } catch (ArithmeticException e) {
        problem = "is " + Untrusted.escape(value.toString()) + ", not a whole number of bytes";
      }
    }
    throw new MalformedBundleException(
        object.pointer("shard_size")
            + " "
            + problem
            + " (expected bytes per shard, e.g. 1000000000)");
  }

  private static List<Resource> resources(StrictObject predicate, Serialization serialization)
      throws MalformedBundleException {
    List<JsonValue> items = predicate.array("resources");
    if (items.size() > MAX_RESOURCES) {
      throw new MalformedBundleException(
          "/predicate/resources has "
              + items.size()
              + " entries, more than the limit of "
              + MAX_RESOURCES);
    }
    List<Resource> resources = new ArrayList<>(items.size());
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      StrictObject item = StrictObject.element(items.get(i), "/predicate/resources", i);
      Resource resource = resource(item, serialization);
      if (!names.add(resource.name())) {
        throw new MalformedBundleException(
            item.pointer("name") + " repeats " + Untrusted.quote(resource.name()));
      }
      resources.add(resource);
    }
    return resources;
  }

  private static Resource resource(StrictObject item, Serialization serialization)
      throws MalformedBundleException {
    item.allowOnly(RESOURCE_FIELDS);
    String algorithm = item.string("algorithm");
    if (!algorithm.equals(serialization.resourceAlgorithm())) {
      throw new MalformedBundleException(
          item.pointer("algorithm")
              + " is "
              + Untrusted.quote(algorithm)
              + " (expected "
              + serialization.resourceAlgorithm()
              + ", as the serialization says)");
    }
    Digest digest = digest(serialization.hash(), item.string("digest"), item.pointer("digest"));
    String name = item.string("name");
    return switch (serialization) {
      case Serialization.FileSerialization files ->
          new Resource(path(name, item.pointer("name")), null, digest);
      case Serialization.ShardSerialization shards -> shard(name, shards, digest, item);
    };
  }

  /**
   * A shard name is {@code path:start:end}; the path may itself hold colons, so parse from the end.
   */
  private static Resource shard(
      String name, Serialization.ShardSerialization shards, Digest digest, StrictObject item)
      throws MalformedBundleException {
    int second = name.lastIndexOf(':');
    int first = second > 0 ? name.lastIndexOf(':', second - 1) : -1;
    String pointer = item.pointer("name");
    if (first <= 0) {
      throw new MalformedBundleException(
          pointer + " is " + Untrusted.quote(name) + " (expected path:start:end for a shard)");
    }
    ShardRange range;
    try {
      range =
          new ShardRange(
              Long.parseLong(name.substring(first + 1, second)),
              Long.parseLong(name.substring(second + 1)));
    } catch (IllegalArgumentException e) {
      throw new MalformedBundleException(
          pointer + " is " + Untrusted.quote(name) + ": " + e.getMessage(), e);
    }
    if (range.start() % shards.shardSize() != 0 || range.length() > shards.shardSize()) {
      throw new MalformedBundleException(
          pointer
              + " is "
              + Untrusted.quote(name)
              + " (expected a range starting at a multiple of the shard size "
              + shards.shardSize()
              + " and no longer than it)");
    }
    Resource resource = new Resource(path(name.substring(0, first), pointer), range, digest);
    if (!resource.name().equals(name)) {
      // "f:016:032" or "f:+16:32" parse, but name other bytes than the model's "f:16:32".
      throw new MalformedBundleException(
          pointer + " is " + Untrusted.quote(name) + " (expected plain decimal offsets)");
    }
    return resource;
  }

  static ModelPath path(JsonValue node, String pointer) throws MalformedBundleException {
    return path(StrictObject.text(node, pointer), pointer);
  }

  static ModelPath path(String text, String pointer) throws MalformedBundleException {
    try {
      return new ModelPath(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedBundleException(pointer + ": " + e.getMessage(), e);
    }
  }
}
