package dev.custody.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.format.oms.Envelope;
import dev.custody.model.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Takes bundles apart and puts them back together for tampering tests. A tampered statement is
 * re-signed with the signer's own key, so the signature still verifies and only the check under
 * test can catch the change.
 */
final class BundleSurgery {
  static final ObjectMapper JSON = new ObjectMapper();

  private BundleSurgery() {}

  static ObjectNode parse(byte[] json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode envelope(ObjectNode bundle) {
    return (ObjectNode) bundle.get("dsseEnvelope");
  }

  static ObjectNode signature(ObjectNode bundle) {
    return (ObjectNode) envelope(bundle).get("signatures").get(0);
  }

  /** The envelope's payload bytes. */
  static byte[] payload(ObjectNode bundle) {
    return Base64.getDecoder().decode(envelope(bundle).get("payload").textValue());
  }

  /** The envelope's payload parsed as JSON. */
  static ObjectNode statement(ObjectNode bundle) {
    return parse(payload(bundle));
  }

  /** Replaces the payload with {@code payload} and signs it (its PAE) with {@code key}. */
  static void resign(ObjectNode bundle, byte[] payload, SigningKey key) {
    String type = envelope(bundle).get("payloadType").textValue();
    envelope(bundle).put("payload", Base64.getEncoder().encodeToString(payload));
    byte[] pae = new Envelope(type, Bytes.copyOf(payload), List.of()).pae();
    setSignature(bundle, Ecdsa.sign(key, pae));
  }

  /** Replaces the payload with {@code statement} (compact JSON) and re-signs. */
  static void resign(ObjectNode bundle, JsonNode statement, SigningKey key) {
    resign(bundle, bytes(statement), key);
  }

  /** Replaces the payload with UTF-8 {@code text} and re-signs. */
  static void resign(ObjectNode bundle, String text, SigningKey key) {
    resign(bundle, text.getBytes(StandardCharsets.UTF_8), key);
  }

  static void setSignature(ObjectNode bundle, byte[] signature) {
    signature(bundle).put("sig", Base64.getEncoder().encodeToString(signature));
  }
}
