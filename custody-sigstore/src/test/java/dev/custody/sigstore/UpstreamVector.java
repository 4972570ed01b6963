package dev.custody.sigstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.model.Digest;
import dev.custody.sign.KeylessTrust;
import dev.custody.testkit.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * The reference project's keyless vector ({@code model_signing} v1.1.0, signed with Sigstore's
 * public-good instance), read from {@code ../shared} and never copied into this repository, and the
 * tampered variants the tests build from it by editing its JSON.
 */
final class UpstreamVector {
  static final String IDENTITY = "stefanb@us.ibm.com";
  static final String ISSUER = "https://sigstore.verify.ibm.com/oauth2";
  static final Digest SUBJECT =
      Digest.parse("sha256:61d4849d9d90076d6215f4d525f13d6574af8e3f67aef3e6f36fc40a14fdd226");
  static final long INTEGRATED_TIME = 1760062340L;
  static final long LOG_INDEX = 598151086L;

  private static final ObjectMapper JSON = new ObjectMapper();

  private UpstreamVector() {}

  /** The bundle's bytes; skips the calling test when ../shared is absent. */
  static byte[] bundle() {
    try {
      return Files.readAllBytes(
          SharedData.require("oms-vectors/upstream/v1.1.0-sigstore").resolve("model.sig"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sigstore's public-good trusted root; skips the calling test when ../shared is absent. */
  static Path trustedRoot() {
    return SharedData.require("oms-vectors/upstream/keys/sigstore-public-good-trusted_root.json");
  }

  static KeylessTrust trust(Path root) {
    return new KeylessTrust(root, IDENTITY, ISSUER);
  }

  static KeylessTrust trust() {
    return trust(trustedRoot());
  }

  // --- tampered bundles ---

  static byte[] flippedDsseSignature() {
    return editBundle(b -> flip(b.withObject("/dsseEnvelope").withArray("signatures"), 0, 20));
  }

  /** Another file name in the signed manifest; the subject (root digest) stays the same. */
  static byte[] changedPayload() {
    return editBundle(b -> {
      ObjectNode envelope = b.withObject("/dsseEnvelope");
      String payload = decode(envelope.get("payload").asText());
      String changed = payload.replace("\"signme-1\"", "\"signme-X\"");
      if (changed.equals(payload)) {
        throw new IllegalStateException("the vector's payload no longer names signme-1");
      }
      envelope.put("payload", encode(changed));
    });
  }

  static byte[] tamperedInclusionProofHash() {
    return editBundle(b -> flip(tlogEntry(b).withArray("/inclusionProof/hashes"), 3, 5));
  }

  /** One character of the checkpoint's signature changed. */
  static byte[] tamperedCheckpointSignature() {
    return editCheckpoint(note -> {
      int at = note.lastIndexOf(' ') + 10;
      char replaced = note.charAt(at) == 'A' ? 'B' : 'A';
      return note.substring(0, at) + replaced + note.substring(at + 1);
    });
  }

  /** The signed note claims another tree size (its signature no longer matches). */
  static byte[] tamperedCheckpointTreeSize() {
    return editCheckpoint(note -> note.replaceFirst("\n476246825\n", "\n476246826\n"));
  }

  /** The signed note names another root hash than the inclusion proof. */
  static byte[] tamperedCheckpointRootHash() {
    return editCheckpoint(note -> note.replace("\nV0NA1ekHc4sMtyOk9+", "\nW0NA1ekHc4sMtyOk9+"));
  }

  static byte[] tamperedSignedEntryTimestamp() {
    return editBundle(
        b -> flip(tlogEntry(b).withObject("/inclusionPromise"), "signedEntryTimestamp", 30));
  }

  static byte[] changedIntegratedTime() {
    return editBundle(b -> tlogEntry(b).put("integratedTime", String.valueOf(INTEGRATED_TIME + 1)));
  }

  static byte[] withoutSignedEntryTimestamp() {
    return editBundle(b -> tlogEntry(b).remove("inclusionPromise"));
  }

  /** A bit of the timestamp token's signature flipped: still well-formed DER. */
  static byte[] tamperedRfc3161Timestamp() {
    return editBundle(b ->
        flip(
            (ObjectNode)
                b.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0"),
            "signedTimestamp",
            -20));
  }

  /** The checkpoint's root hash line is not base64. */
  static byte[] checkpointRootHashNotBase64() {
    return editCheckpoint(note -> note.replace("\nV0NA1ekHc4sMtyOk9+", "\n!!NA1ekHc4sMtyOk9+"));
  }

  /** A bit flipped inside the timestamp token's DER structure, which no longer parses. */
  static byte[] damagedRfc3161Timestamp() {
    return editBundle(b ->
        flip(
            (ObjectNode)
                b.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0"),
            "signedTimestamp",
            200));
  }

  // --- tampered trusted roots ---

  static Path rootWithoutRekorKey(Path dir) {
    return editTrustedRoot(dir, r -> r.withArray("tlogs").removeAll());
  }

  /** Every CA's chain replaced by the timestamp authority's: a CA that did not issue the cert. */
  static Path rootWithAnotherCa(Path dir) {
    return editTrustedRoot(
        dir,
        r -> {
          JsonNode tsaChain = r.at("/timestampAuthorities/0/certChain");
          for (JsonNode ca : r.withArray("certificateAuthorities")) {
            ((ObjectNode) ca).set("certChain", tsaChain.deepCopy());
          }
        });
  }

  static Path rootWithoutCtLogs(Path dir) {
    return editTrustedRoot(dir, r -> r.withArray("ctlogs").removeAll());
  }

  /** The Rekor key's validity ends years before the entry was logged. */
  static Path rootWithExpiredRekorKey(Path dir) {
    return editTrustedRoot(
        dir,
        r -> ((ObjectNode) r.at("/tlogs/0/publicKey/validFor")).put("end", "2021-06-01T00:00:00Z"));
  }

  // --- editing ---

  private static byte[] editBundle(Consumer<ObjectNode> edit) {
    try {
      ObjectNode bundle = (ObjectNode) JSON.readTree(bundle());
      edit.accept(bundle);
      return JSON.writeValueAsBytes(bundle);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] editCheckpoint(java.util.function.UnaryOperator<String> edit) {
    return editBundle(b -> {
      ObjectNode checkpoint = tlogEntry(b).withObject("/inclusionProof/checkpoint");
      String note = checkpoint.get("envelope").asText();
      String changed = edit.apply(note);
      if (changed.equals(note)) {
        throw new IllegalStateException("the checkpoint edit changed nothing");
      }
      checkpoint.put("envelope", changed);
    });
  }

  private static Path editTrustedRoot(Path dir, Consumer<ObjectNode> edit) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(trustedRoot().toFile());
      edit.accept(root);
      Path out = Files.createTempFile(dir, "trusted_root", ".json");
      JSON.writeValue(out.toFile(), root);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode tlogEntry(ObjectNode bundle) {
    return (ObjectNode) bundle.withArray("/verificationMaterial/tlogEntries").get(0);
  }

  /** Flips one bit of byte {@code at} in the base64 {@code sig} of signature {@code index}. */
  private static void flip(ArrayNode signatures, int index, int at) {
    JsonNode item = signatures.get(index);
    if (item instanceof ObjectNode signature) {
      flip(signature, "sig", at);
    } else {
      byte[] raw = Base64.getDecoder().decode(item.asText());
      raw[at] ^= 0x01;
      signatures.set(index, Base64.getEncoder().encodeToString(raw));
    }
  }

  /** Flips one bit of byte {@code at} (from the end if negative) of a base64 field. */
  private static void flip(ObjectNode node, String field, int at) {
    byte[] raw = Base64.getDecoder().decode(node.get(field).asText());
    raw[at < 0 ? raw.length + at : at] ^= 0x01;
    node.put(field, Base64.getEncoder().encodeToString(raw));
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
