package dev.custody.format.oms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.custody.model.Manifest;
import dev.custody.model.ModelPath;
import dev.custody.model.Resource;
import dev.custody.model.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the OMS v1.0 in-toto statement for a manifest: one subject (the model's name and root
 * digest) and the predicate with the serialization and every resource, exactly the fields the
 * reference reader knows. The text is compact JSON; verifiers check the bytes as signed, so any
 * valid JSON is interoperable.
 */
public final class StatementWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private StatementWriter() {}

  /** The statement's bytes, ready to be signed. */
  public static byte[] write(Manifest manifest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 160 * manifest.resources().size());
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("_type", StatementReader.STATEMENT_TYPE);
      json.writeArrayFieldStart("subject");
      json.writeStartObject();
      json.writeStringField("name", manifest.modelName());
      json.writeObjectFieldStart("digest");
      json.writeStringField("sha256", manifest.rootDigest().hex());
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndArray();
      json.writeStringField("predicateType", PredicateType.SIGNATURE_V1.uri());
      json.writeObjectFieldStart("predicate");
      writeSerialization(json, manifest.serialization());
      writeResources(json, manifest);
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void writeSerialization(JsonGenerator json, Serialization serialization)
      throws IOException {
    json.writeObjectFieldStart("serialization");
    json.writeStringField("method", serialization.method());
    json.writeStringField("hash_type", serialization.hash().omsName());
    json.writeBooleanField("allow_symlinks", serialization.allowSymlinks());
    json.writeArrayFieldStart("ignore_paths");
    for (ModelPath path : serialization.ignorePaths()) {
      json.writeString(path.value());
    }
    json.writeEndArray();
    if (serialization instanceof Serialization.ShardSerialization shards) {
      json.writeNumberField("shard_size", shards.shardSize());
    }
    json.writeEndObject();
  }

  private static void writeResources(JsonGenerator json, Manifest manifest) throws IOException {
    String algorithm = manifest.serialization().resourceAlgorithm();
    json.writeArrayFieldStart("resources");
    for (Resource resource : manifest.resources()) {
      json.writeStartObject();
      json.writeStringField("name", resource.name());
      json.writeStringField("algorithm", algorithm);
      json.writeStringField("digest", resource.digest().hex());
      json.writeEndObject();
    }
    json.writeEndArray();
  }
}
