package dev.custody.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.attest.Attestation;
import dev.custody.attest.VerifiedAttestation;
import dev.custody.format.oms.ProvenanceWriter;
import dev.custody.provenance.Provenance;
import dev.custody.sign.VerificationException;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of {@code attest --format json} and {@code verify-attestation --format json} (schema
 * version 1, docs/cli.md). The {@code statement} field is the attested in-toto statement, as
 * custody writes it.
 */
final class ProvenanceJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ProvenanceJson() {}

  static String attested(Attestation attestation, Path file, @Nullable String stored) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SignatureJson.SCHEMA_VERSION);
    root.put("rootDigest", attestation.provenance().subject().digest().toString());
    root.put("attestation", file.toString());
    root.put("attestationDigest", attestation.digest().toString());
    root.put("method", attestation.bundle().material().method());
    if (stored != null) {
      root.put("stored", stored);
    }
    root.set("statement", statement(attestation.provenance()));
    return write(root);
  }

  static String verified(VerifiedAttestation verified, String model, Path file) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SignatureJson.SCHEMA_VERSION);
    root.put("verified", true);
    root.put("model", model);
    root.put("attestation", file.toString());
    root.put("rootDigest", verified.subjectDigest().toString());
    root.put("attestationDigest", verified.attestationDigest().toString());
    root.set("signer", SignatureJson.signerNode(verified.signer()));
    root.put("trustEntry", verified.trustEntry());
    verified.warnings().forEach(root.putArray("warnings")::add);
    root.set("statement", statement(verified.provenance()));
    return write(root);
  }

  static String failed(VerificationException failure, String model, Path file) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SignatureJson.SCHEMA_VERSION);
    root.put("verified", false);
    root.put("model", model);
    root.put("attestation", file.toString());
    root.put("reason", failure.reason().name());
    root.put("message", String.valueOf(failure.getMessage()));
    return write(root);
  }

  /** Our own deterministic statement bytes, as a JSON tree. */
  private static JsonNode statement(Provenance provenance) {
    try {
      return MAPPER.readTree(ProvenanceWriter.write(provenance));
    } catch (IOException e) {
      throw new IllegalStateException("custody's own statement is JSON", e);
    }
  }

  private static String write(ObjectNode root) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root)
          + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to serialize", e);
    }
  }
}
