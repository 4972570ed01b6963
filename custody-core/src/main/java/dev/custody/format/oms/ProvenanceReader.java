package dev.custody.format.oms;

import dev.custody.format.json.JsonValue;
import dev.custody.internal.Untrusted;
import dev.custody.model.Bytes;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import dev.custody.provenance.BuildDefinition;
import dev.custody.provenance.BuildEnvironment;
import dev.custody.provenance.DependencyKind;
import dev.custody.provenance.ParameterValue;
import dev.custody.provenance.Provenance;
import dev.custody.provenance.ResolvedDependency;
import dev.custody.provenance.ResourceDescriptor;
import dev.custody.provenance.RunDetails;
import dev.custody.provenance.Subject;
import dev.custody.provenance.TrainingParameters;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads an in-toto v1 statement holding SLSA v1 provenance of custody's training build type,
 * strictly: unknown fields anywhere, a second subject, another build type, a dependency without a
 * known kind, a time that is not RFC 3339, and anything over the limits are refused with the JSON
 * pointer of the field. Custody refuses what it does not understand, because an unread field may
 * change what the attestation claims.
 */
public final class ProvenanceReader {
  /** The largest statement read (a metrics file of 1 MiB is 1.4 MB of base64). */
  public static final int MAX_STATEMENT_BYTES = 8 << 20;

  private static final Set<String> STATEMENT_FIELDS =
      Set.of("_type", "subject", "predicateType", "predicate");
  private static final Set<String> PREDICATE_FIELDS = Set.of("buildDefinition", "runDetails");
  private static final Set<String> BUILD_FIELDS =
      Set.of("buildType", "externalParameters", "internalParameters", "resolvedDependencies");
  private static final Set<String> RUN_FIELDS = Set.of("builder", "metadata", "byproducts");
  private static final Set<String> RESOURCE_FIELDS =
      Set.of("name", "uri", "digest", "content", "downloadLocation", "mediaType", "annotations");

  private ProvenanceReader() {}

  /**
   * The {@code predicateType} of any in-toto v1 statement, so a caller can tell a model signature
   * from an attestation before reading either.
   *
   * @throws MalformedBundleException if the bytes are not an in-toto v1 statement
   */
  public static String predicateType(byte[] payload) throws MalformedBundleException {
    StrictObject statement = statement(payload, BundleReader.MAX_BUNDLE_BYTES);
    return statement.string("predicateType");
  }

  /**
   * Reads the provenance.
   *
   * @param payload the envelope's payload bytes
   * @throws MalformedBundleException naming the first field that breaks the format
   */
  public static Provenance read(byte[] payload) throws MalformedBundleException {
    StrictObject statement = statement(payload, MAX_STATEMENT_BYTES);
    statement.allowOnly(STATEMENT_FIELDS);
    String predicateType = statement.string("predicateType");
    if (!predicateType.equals(Provenance.PREDICATE_TYPE)) {
      throw new MalformedBundleException(
          "/predicateType is "
              + Untrusted.quote(predicateType)
              + " (expected "
              + Provenance.PREDICATE_TYPE
              + "); this is not a provenance attestation");
    }
    Subject subject = subject(statement);
    StrictObject predicate = statement.object("predicate");
    predicate.allowOnly(PREDICATE_FIELDS);
    BuildDefinition build = buildDefinition(predicate.object("buildDefinition"));
    RunDetails run = runDetails(predicate.object("runDetails"));
    return new Provenance(subject, build, run);
  }

  private static StrictObject statement(byte[] payload, int maxBytes)
      throws MalformedBundleException {
    StrictObject statement = StrictObject.parse(payload, "attested statement", maxBytes);
    String type = statement.string("_type");
    if (!type.equals(StatementReader.STATEMENT_TYPE)) {
      throw new MalformedBundleException(
          "/_type is "
              + Untrusted.quote(type)
              + " (expected "
              + StatementReader.STATEMENT_TYPE
              + ")");
    }
    return statement;
  }

  private static Subject subject(StrictObject statement) throws MalformedBundleException {
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
    Digest digest = StatementReader.sha256(subject.object("digest"));
    return build(subject.pointer(), () -> new Subject(name, digest));
  }

  private static BuildDefinition buildDefinition(StrictObject build)
      throws MalformedBundleException {
    build.allowOnly(BUILD_FIELDS);
    String buildType = build.string("buildType");
    if (!buildType.equals(Provenance.TRAINING_BUILD_TYPE)) {
      throw new MalformedBundleException(
          build.pointer("buildType")
              + " is "
              + Untrusted.quote(buildType)
              + " (expected "
              + Provenance.TRAINING_BUILD_TYPE
              + ", the only build type custody reads)");
    }
    TrainingParameters external = external(build.object("externalParameters"));
    BuildEnvironment internal = internal(build.object("internalParameters"));
    List<JsonValue> items = build.array("resolvedDependencies");
    limit(items, BuildDefinition.MAX_DEPENDENCIES, build.pointer("resolvedDependencies"));
    List<ResolvedDependency> dependencies = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      StrictObject item =
          StrictObject.element(items.get(i), build.pointer("resolvedDependencies"), i);
      dependencies.add(dependency(item));
    }
    return build(
        build.pointer(), () -> new BuildDefinition(buildType, external, internal, dependencies));
  }

  private static ResolvedDependency dependency(StrictObject item) throws MalformedBundleException {
    ResourceDescriptor resource = resource(item);
    String kindName = resource.annotations().get(DependencyKind.ANNOTATION);
    if (kindName == null) {
      throw new MalformedBundleException(
          item.pointer("annotations")
              + " has no "
              + DependencyKind.ANNOTATION
              + " (expected dataset, base-model, code, python-package or framework)");
    }
    DependencyKind kind =
        DependencyKind.fromWireName(kindName)
            .orElseThrow(() ->
                new MalformedBundleException(
                    item.pointer("annotations")
                        + "/kind is "
                        + Untrusted.quote(kindName)
                        + " (expected dataset, base-model, code, python-package or"
                        + " framework)"));
    ResourceDescriptor plain = resource.withoutAnnotation(DependencyKind.ANNOTATION);
    return build(item.pointer(), () -> new ResolvedDependency(kind, plain));
  }

  private static TrainingParameters external(StrictObject external)
      throws MalformedBundleException {
    external.allowOnly(Set.of("parameters", "parametersFile"));
    StrictObject parameters = external.object("parameters");
    if (parameters.members().size() > TrainingParameters.MAX_PARAMETERS) {
      throw new MalformedBundleException(
          parameters.pointer()
              + " has more than "
              + TrainingParameters.MAX_PARAMETERS
              + " parameters");
    }
    SortedMap<String, ParameterValue> values = new TreeMap<>();
    for (Map.Entry<String, JsonValue> entry : parameters.members().entrySet()) {
      values.put(entry.getKey(), parameter(entry.getValue(), parameters.pointer(entry.getKey())));
    }
    ResourceDescriptor file =
        external.has("parametersFile") ? resource(external.object("parametersFile")) : null;
    return build(external.pointer(), () -> new TrainingParameters(values, file));
  }

  private static ParameterValue parameter(JsonValue value, String pointer)
      throws MalformedBundleException {
    return switch (value) {
      case JsonValue.JsonString text -> build(pointer, () -> new ParameterValue.Text(text.value()));
      case JsonValue.JsonNumber number -> new ParameterValue.Decimal(number.value());
      case JsonValue.JsonBoolean flag -> new ParameterValue.Flag(flag.value());
      case JsonValue.JsonObject o ->
          throw new MalformedBundleException(
              pointer + " is an object (expected a string, number or boolean)");
      case JsonValue.JsonArray a ->
          throw new MalformedBundleException(
              pointer + " is an array (expected a string, number or boolean)");
      case JsonValue.JsonNull n ->
          throw new MalformedBundleException(
              pointer + " is null (expected a string, number or boolean)");
    };
  }

  private static BuildEnvironment internal(StrictObject internal) throws MalformedBundleException {
    internal.allowOnly(Set.of("digest", "modelConfig"));
    StrictObject digest = internal.object("digest");
    digest.allowOnly(Set.of("hash", "method", "shardSize"));
    String hashName = digest.string("hash");
    HashAlgorithm hash = hash(hashName, digest.pointer("hash"));
    String method = digest.string("method");
    Long shardSize =
        digest.has("shardSize")
            ? whole(digest.node("shardSize"), digest.pointer("shardSize"))
            : null;
    SortedMap<String, String> config =
        internal.has("modelConfig") ? strings(internal.object("modelConfig")) : new TreeMap<>();
    return build(internal.pointer(), () -> new BuildEnvironment(hash, method, shardSize, config));
  }

  private static HashAlgorithm hash(String name, String pointer) throws MalformedBundleException {
    for (HashAlgorithm algorithm : HashAlgorithm.values()) {
      if (algorithm.omsName().equals(name)) {
        return algorithm;
      }
    }
    throw new MalformedBundleException(
        pointer + " is " + Untrusted.quote(name) + " (expected sha256, blake2b or blake3)");
  }

  private static long whole(JsonValue node, String pointer) throws MalformedBundleException {
    if (node instanceof JsonValue.JsonNumber number) {
      BigDecimal value = number.value();
      try {
        return value.longValueExact();
      } catch (ArithmeticException e) {
        throw new MalformedBundleException(pointer + " is not a whole number of bytes", e);
      }
    }
    throw new MalformedBundleException(pointer + " is " + node.kind() + " (expected a number)");
  }

  private static RunDetails runDetails(StrictObject run) throws MalformedBundleException {
    run.allowOnly(RUN_FIELDS);
    StrictObject builder = run.object("builder");
    builder.allowOnly(Set.of("id"));
    String builderId = builder.string("id");
    String invocationId = null;
    Instant startedOn = null;
    Instant finishedOn = null;
    if (run.has("metadata")) {
      StrictObject metadata = run.object("metadata");
      metadata.allowOnly(Set.of("invocationId", "startedOn", "finishedOn"));
      invocationId = metadata.optionalString("invocationId");
      startedOn = time(metadata, "startedOn");
      finishedOn = time(metadata, "finishedOn");
    }
    List<JsonValue> items = run.optionalArray("byproducts");
    limit(items, RunDetails.MAX_BYPRODUCTS, run.pointer("byproducts"));
    List<ResourceDescriptor> byproducts = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      byproducts.add(resource(StrictObject.element(items.get(i), run.pointer("byproducts"), i)));
    }
    String invocation = invocationId;
    Instant started = startedOn;
    Instant finished = finishedOn;
    return build(
        run.pointer(), () -> new RunDetails(builderId, invocation, started, finished, byproducts));
  }

  private static @Nullable Instant time(StrictObject metadata, String field)
      throws MalformedBundleException {
    String text = metadata.optionalString(field);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new MalformedBundleException(
          metadata.pointer(field)
              + " is "
              + Untrusted.quote(text)
              + " (expected an RFC 3339 time such as 2026-01-31T12:00:00Z)",
          e);
    }
  }

  /** A resource descriptor; the caller checks what its kind needs. */
  static ResourceDescriptor resource(StrictObject item) throws MalformedBundleException {
    item.allowOnly(RESOURCE_FIELDS);
    String name = item.optionalString("name");
    String uri = item.optionalString("uri");
    SortedMap<String, String> digest =
        item.has("digest") ? strings(item.object("digest")) : new TreeMap<>();
    Bytes content = item.has("content") ? item.base64("content") : null;
    String download = item.optionalString("downloadLocation");
    String mediaType = item.optionalString("mediaType");
    SortedMap<String, String> annotations =
        item.has("annotations") ? strings(item.object("annotations")) : new TreeMap<>();
    return build(
        item.pointer(),
        () -> new ResourceDescriptor(name, uri, digest, content, download, mediaType, annotations));
  }

  /** An object of string values, bounded like every map in a resource. */
  private static SortedMap<String, String> strings(StrictObject object)
      throws MalformedBundleException {
    if (object.members().size() > ResourceDescriptor.MAX_ENTRIES) {
      throw new MalformedBundleException(
          object.pointer() + " has more than " + ResourceDescriptor.MAX_ENTRIES + " entries");
    }
    SortedMap<String, String> map = new TreeMap<>();
    for (Map.Entry<String, JsonValue> entry : object.members().entrySet()) {
      map.put(entry.getKey(), StrictObject.text(entry.getValue(), object.pointer(entry.getKey())));
    }
    return map;
  }

  private static void limit(List<JsonValue> items, int max, String pointer)
      throws MalformedBundleException {
    if (items.size() > max) {
      throw new MalformedBundleException(
          pointer + " has " + items.size() + " entries, more than the limit of " + max);
    }
  }

  /** A value type's own check, turned into a format error at {@code pointer}. */
  private static <T> T build(String pointer, ValueFactory<T> factory)
      throws MalformedBundleException {
    try {
      return factory.make();
    } catch (IllegalArgumentException e) {
      throw new MalformedBundleException(pointer + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface ValueFactory<T> {
    T make();
  }
}
