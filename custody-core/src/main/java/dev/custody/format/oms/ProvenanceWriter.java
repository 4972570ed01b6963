package dev.custody.format.oms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.custody.provenance.BuildDefinition;
import dev.custody.provenance.BuildEnvironment;
import dev.custody.provenance.DependencyKind;
import dev.custody.provenance.ParameterValue;
import dev.custody.provenance.Provenance;
import dev.custody.provenance.ResolvedDependency;
import dev.custody.provenance.ResourceDescriptor;
import dev.custody.provenance.RunDetails;
import dev.custody.provenance.TrainingParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link Provenance} as an in-toto v1 statement with predicate type {@code
 * https://slsa.dev/provenance/v1}: compact JSON, fields in a fixed order, maps sorted by key and
 * times in UTC, so the same provenance always gives the same bytes (and the same signature input).
 * {@link ProvenanceReader} reads it back to an equal value.
 */
public final class ProvenanceWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private ProvenanceWriter() {}

  /** The statement's bytes, ready to be signed. */
  public static byte[] write(Provenance provenance) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("_type", StatementReader.STATEMENT_TYPE);
      json.writeArrayFieldStart("subject");
      json.writeStartObject();
      json.writeStringField("name", provenance.subject().name());
      json.writeObjectFieldStart("digest");
      json.writeStringField("sha256", provenance.subject().digest().hex());
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndArray();
      json.writeStringField("predicateType", Provenance.PREDICATE_TYPE);
      json.writeObjectFieldStart("predicate");
      writeBuildDefinition(json, provenance.buildDefinition());
      writeRunDetails(json, provenance.runDetails());
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void writeBuildDefinition(JsonGenerator json, BuildDefinition build)
      throws IOException {
    json.writeObjectFieldStart("buildDefinition");
    json.writeStringField("buildType", build.buildType());
    writeExternal(json, build.externalParameters());
    writeInternal(json, build.internalParameters());
    json.writeArrayFieldStart("resolvedDependencies");
    for (ResolvedDependency dependency : build.resolvedDependencies()) {
      writeResource(
          json,
          dependency
              .resource()
              .withAnnotation(DependencyKind.ANNOTATION, dependency.kind().wireName()));
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeExternal(JsonGenerator json, TrainingParameters parameters)
      throws IOException {
    json.writeObjectFieldStart("externalParameters");
    json.writeObjectFieldStart("parameters");
    for (Map.Entry<String, ParameterValue> entry : parameters.values().entrySet()) {
      json.writeFieldName(entry.getKey());
      switch (entry.getValue()) {
        case ParameterValue.Text text -> json.writeString(text.value());
        case ParameterValue.Decimal number -> json.writeNumber(number.value());
        case ParameterValue.Flag flag -> json.writeBoolean(flag.value());
      }
    }
    json.writeEndObject();
    if (parameters.parametersFile() != null) {
      json.writeFieldName("parametersFile");
      writeResource(json, parameters.parametersFile());
    }
    json.writeEndObject();
  }

  private static void writeInternal(JsonGenerator json, BuildEnvironment environment)
      throws IOException {
    json.writeObjectFieldStart("internalParameters");
    json.writeObjectFieldStart("digest");
    json.writeStringField("hash", environment.digestHash().omsName());
    json.writeStringField("method", environment.digestMethod());
    if (environment.shardSize() != null) {
      json.writeNumberField("shardSize", environment.shardSize());
    }
    json.writeEndObject();
    if (!environment.modelConfig().isEmpty()) {
      writeStrings(json, "modelConfig", environment.modelConfig());
    }
    json.writeEndObject();
  }

  private static void writeRunDetails(JsonGenerator json, RunDetails run) throws IOException {
    json.writeObjectFieldStart("runDetails");
    json.writeObjectFieldStart("builder");
    json.writeStringField("id", run.builderId());
    json.writeEndObject();
    if (run.invocationId() != null || run.startedOn() != null || run.finishedOn() != null) {
      json.writeObjectFieldStart("metadata");
      optional(json, "invocationId", run.invocationId());
      optional(json, "startedOn", time(run.startedOn()));
      optional(json, "finishedOn", time(run.finishedOn()));
      json.writeEndObject();
    }
    if (!run.byproducts().isEmpty()) {
      json.writeArrayFieldStart("byproducts");
      for (ResourceDescriptor byproduct : run.byproducts()) {
        writeResource(json, byproduct);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  /** A resource descriptor: the in-toto fields in the order of its specification. */
  static void writeResource(JsonGenerator json, ResourceDescriptor resource) throws IOException {
    json.writeStartObject();
    optional(json, "name", resource.name());
    optional(json, "uri", resource.uri());
    if (!resource.digest().isEmpty()) {
      writeStrings(json, "digest", resource.digest());
    }
    if (resource.content() != null) {
      json.writeStringField(
          "content", Base64.getEncoder().encodeToString(resource.content().toByteArray()));
    }
    optional(json, "downloadLocation", resource.downloadLocation());
    optional(json, "mediaType", resource.mediaType());
    if (!resource.annotations().isEmpty()) {
      writeStrings(json, "annotations", resource.annotations());
    }
    json.writeEndObject();
  }

  private static void writeStrings(JsonGenerator json, String field, SortedMap<String, String> map)
      throws IOException {
    json.writeObjectFieldStart(field);
    for (Map.Entry<String, String> entry : map.entrySet()) {
      json.writeStringField(entry.getKey(), entry.getValue());
    }
    json.writeEndObject();
  }

  private static void optional(JsonGenerator json, String field, @Nullable String value)
      throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }

  private static @Nullable String time(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
