package dev.custody.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.model.Manifest;
import dev.custody.model.ModelPath;
import dev.custody.model.Resource;
import dev.custody.model.Serialization;
import dev.custody.sign.ManifestDiff;
import dev.custody.sign.SignedModel;
import dev.custody.sign.Signer;
import dev.custody.sign.VerificationException;
import dev.custody.sign.VerifiedModel;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The JSON that {@code sign --format json} and {@code verify --format json} print (documented in
 * docs/cli.md, schema version 1), and the one-line coverage summary of the text output.
 */
final class SignatureJson {
  /** Bumped when a field changes meaning or disappears; new fields may appear without a bump. */
  static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SignatureJson() {}

  /** {@code 6 files, sha256} or {@code 13 shards of 16 bytes in 7 files, sha256}. */
  static String coverage(Manifest manifest) {
    Set<ModelPath> files = new HashSet<>();
    for (Resource resource : manifest.resources()) {
      files.add(resource.path());
    }
    String hash = manifest.serialization().hash().omsName();
    return switch (manifest.serialization()) {
      case Serialization.FileSerialization whole -> plural(files.size(), "file") + ", " + hash;
      case Serialization.ShardSerialization shards ->
          plural(manifest.resources().size(), "shard")
              + " of "
              + shards.shardSize()
              + " bytes in "
              + plural(files.size(), "file")
              + ", "
              + hash;
    };
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  static String signed(SignedModel signed) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("rootDigest", signed.manifest().rootDigest().toString());
    root.put("signature", signed.signatureFile().toString());
    root.put("method", signed.bundle().material().method());
    root.put("curve", signed.curve().displayName());
    root.put("keyHint", signed.keyHint());
    root.put("resources", signed.manifest().resources().size());
    return write(root);
  }

  static String verified(VerifiedModel verified, Path model, Path signature) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("verified", true);
    root.put("model", model.toString());
    root.put("signature", signature.toString());
    root.put("rootDigest", verified.rootDigest().toString());
    root.put("format", verified.predicateType().uri());
    root.set("signer", signerNode(verified.signer()));
    root.put("trustEntry", verified.trustEntry());
    root.put("resources", verified.manifest().resources().size());
    strings(root.putArray("warnings"), verified.warnings());
    return write(root);
  }

  static String failed(VerificationException failure, Path model, Path signature) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("verified", false);
    root.put("model", model.toString());
    root.put("signature", signature.toString());
    root.put("reason", failure.reason().name());
    root.put("message", String.valueOf(failure.getMessage()));
    ManifestDiff diff = failure.diff();
    if (diff != null) {
      ObjectNode node = root.putObject("diff");
      strings(node.putArray("changed"), diff.changed());
      strings(node.putArray("added"), diff.added());
      strings(node.putArray("removed"), diff.removed());
    }
    return write(root);
  }

  static ObjectNode signerNode(Signer signer) {
    ObjectNode node = MAPPER.createObjectNode();
    switch (signer) {
      case Signer.KeySigner key -> {
        node.put("method", "key");
        node.put("curve", key.curve().displayName());
        node.put("keyHint", key.keyHint());
      }
      case Signer.CertificateSigner certificate -> {
        node.put("method", "certificate");
        node.put("subject", certificate.subject());
        strings(node.putArray("subjectAltNames"), certificate.subjectAltNames());
        node.put("issuer", certificate.issuer());
        node.put("root", certificate.root());
        node.put("fingerprint", certificate.fingerprint());
        node.put("notAfter", certificate.notAfter().toString());
      }
      case Signer.KeylessSigner keyless -> {
        node.put("method", "keyless");
        node.put("identity", keyless.identity());
        node.put("issuer", keyless.issuer());
        if (keyless.loggedAt() != null) {
          node.put("loggedAt", String.valueOf(keyless.loggedAt()));
        }
      }
    }
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static String write(ObjectNode root) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root)
          + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree of strings failed to serialize", e);
    }
  }
}
