package dev.custody.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged or crafted signature files. Changes inside the signed statement are re-signed with the
 * signer's own key, so the signature verifies and only the check under test can refuse them. Each
 * refusal says which field is wrong (as a JSON pointer) and what was expected.
 */
class TamperedBundleTest {
  @TempDir Path tmp;

  private Path model;
  private Path signature;
  private SigningKey key;

  @BeforeEach
  void signModel() throws Exception {
    model = SigningFixtures.model(tmp.resolve("model"));
    signature = tmp.resolve("model.sig");
    key = SigningKey.generate(Curve.P256);
    sign(null);
  }

  private void sign(@Nullable Long shardSize) throws Exception {
    ModelSigner.withKey(key)
        .signModel(model, signature, SigningFixtures.options().withShardSize(shardSize));
  }

  private ObjectNode bundle() throws Exception {
    return BundleSurgery.parse(Files.readAllBytes(signature));
  }

  private VerifiedModel verify(byte[] bundle) throws Exception {
    Files.write(signature, bundle);
    return new ModelVerifier(SigningFixtures.trusting(key))
        .verify(model, signature, SigningFixtures.verifyOptions());
  }

  private VerificationException refused(byte[] bundle) throws Exception {
    Files.write(signature, bundle);
    return assertThrows(
        VerificationException.class,
        () ->
            new ModelVerifier(SigningFixtures.trusting(key))
                .verify(model, signature, SigningFixtures.verifyOptions()));
  }

  private VerificationException refused(ObjectNode bundle) throws Exception {
    return refused(BundleSurgery.bytes(bundle));
  }

  private static void assertMalformed(VerificationException e, String... words) {
    assertThat(e.reason()).isEqualTo(VerificationException.Reason.MALFORMED_SIGNATURE);
    assertThat(e.getMessage()).contains(words).contains("get the signature again from its source");
  }

  /** The statement with {@code edit} applied, re-signed into the bundle. */
  private ObjectNode withStatement(java.util.function.Consumer<ObjectNode> edit) throws Exception {
    ObjectNode bundle = bundle();
    ObjectNode statement = BundleSurgery.statement(bundle);
    edit.accept(statement);
    BundleSurgery.resign(bundle, statement, key);
    return bundle;
  }

  @Test
  void rejectsTruncatedBundle() throws Exception {
    byte[] whole = Files.readAllBytes(signature);

    VerificationException e = refused(Arrays.copyOf(whole, whole.length / 2));

    assertMalformed(e, "not strict JSON", "expected one JSON object");
  }

  @Test
  void rejectsEmptySignatureFile() throws Exception {
    VerificationException e = refused(new byte[0]);

    assertMalformed(e, "signature bundle is empty");
  }

  @Test
  void rejectsNumberWhoseExponentDoesNotFit() throws Exception {
    // Found by BundleReaderFuzzTest: Jackson threw NumberFormatException past the reader.
    ObjectNode bundle = withStatement(s -> s.put("_type", "x"));
    String text = new String(BundleSurgery.payload(bundle), StandardCharsets.UTF_8);
    BundleSurgery.resign(bundle, text.replace("\"x\"", "4e5546283749"), key);

    assertMalformed(refused(bundle), "signed statement is not strict JSON", "out of range");
  }

  @Test
  void rejectsGarbledBase64InTheSignature() throws Exception {
    ObjectNode bundle = bundle();
    BundleSurgery.signature(bundle).put("sig", "MEUCIQ#not*base64");

    assertMalformed(refused(bundle), "/dsseEnvelope/signatures/0/sig is not standard base64");
  }

  @Test
  void rejectsGarbledBase64InThePayload() throws Exception {
    ObjectNode bundle = bundle();
    BundleSurgery.envelope(bundle).put("payload", "eyJfdHlwZSI6!!");

    assertMalformed(refused(bundle), "/dsseEnvelope/payload is not standard base64");
  }

  @ParameterizedTest(name = "at \"{0}\"")
  @ValueSource(
      strings = {
        "",
        "/verificationMaterial",
        "/verificationMaterial/publicKey",
        "/dsseEnvelope",
        "/dsseEnvelope/signatures/0"
      })
  void rejectsUnknownFieldInTheBundle(String pointer) throws Exception {
    ObjectNode bundle = bundle();
    ((ObjectNode) bundle.at(pointer)).put("extra", 1);

    VerificationException e = refused(bundle);

    assertMalformed(
        e,
        "unknown field 'extra' at " + (pointer.isEmpty() ? "/" : pointer),
        "not a valid OMS bundle");
  }

  @ParameterizedTest(name = "at \"{0}\"")
  @ValueSource(
      strings = {
        "",
        "/subject/0",
        "/subject/0/digest",
        "/predicate",
        "/predicate/serialization",
        "/predicate/resources/0"
      })
  void rejectsUnknownFieldInTheSignedStatement(String pointer) throws Exception {
    ObjectNode bundle = withStatement(s -> ((ObjectNode) s.at(pointer)).put("extra", 1));

    VerificationException e = refused(bundle);

    assertMalformed(
        e,
        "unknown field 'extra' at " + (pointer.isEmpty() ? "/" : pointer),
        "signed statement is not an OMS statement");
  }

  @Test
  void rejectsDuplicateKeyInTheBundle() throws Exception {
    String text = new String(Files.readAllBytes(signature), StandardCharsets.UTF_8);
    String duplicated =
        text.replaceFirst(
            "\\{", "{\"mediaType\": \"application/vnd.dev.sigstore.bundle+json;version=0.1\",");

    assertMalformed(
        refused(duplicated.getBytes(StandardCharsets.UTF_8)),
        "not strict JSON",
        "Duplicate field",
        "mediaType");
  }

  @Test
  void rejectsDuplicateDigestKeyInASignedResource() throws Exception {
    // A lenient reader would take the second digest; the signer saw both.
    ObjectNode bundle = bundle();
    String text = new String(BundleSurgery.payload(bundle), StandardCharsets.UTF_8);
    Matcher first = Pattern.compile("\"digest\":\"([0-9a-f]{64})\"").matcher(text);
    assertThat(first.find()).isTrue();
    String duplicated =
        text.substring(0, first.end())
            + ",\"digest\":\""
            + "00".repeat(32)
            + "\""
            + text.substring(first.end());
    BundleSurgery.resign(bundle, duplicated, key);

    assertMalformed(
        refused(bundle), "signed statement is not strict JSON", "Duplicate field", "digest");
  }

  @Test
  void rejectsWrongPayloadType() throws Exception {
    ObjectNode bundle = bundle();
    BundleSurgery.envelope(bundle).put("payloadType", "application/json");
    BundleSurgery.resign(bundle, BundleSurgery.payload(bundle), key);

    assertMalformed(
        refused(bundle),
        "/dsseEnvelope/payloadType is 'application/json'",
        "expected application/vnd.in-toto+json");
  }

  @Test
  void rejectsWrongPredicateType() throws Exception {
    ObjectNode bundle =
        withStatement(s -> s.put("predicateType", "https://slsa.dev/provenance/v1"));

    assertMalformed(
        refused(bundle),
        "/predicateType is 'https://slsa.dev/provenance/v1'",
        "expected https://model_signing/signature/v1.0",
        "not a model signature");
  }

  @Test
  void rejectsTwoSubjects() throws Exception {
    ObjectNode bundle =
        withStatement(s -> {
          ArrayNode subjects = (ArrayNode) s.get("subject");
          subjects.add(subjects.get(0).deepCopy());
        });

    assertMalformed(refused(bundle), "/subject has 2 entries", "expected exactly one");
  }

  @Test
  void rejectsTwoEnvelopeSignatures() throws Exception {
    ObjectNode bundle = bundle();
    ArrayNode signatures = (ArrayNode) BundleSurgery.envelope(bundle).get("signatures");
    signatures.add(signatures.get(0).deepCopy());

    assertMalformed(
        refused(bundle), "/dsseEnvelope/signatures has 2 entries", "expected exactly one");
  }

  @Test
  void rejectsStatementWhoseResourcesDoNotMatchItsSubjectDigest() throws Exception {
    ObjectNode bundle =
        withStatement(
            s -> ((ObjectNode) s.at("/predicate/resources/0")).put("digest", "11".repeat(32)));

    VerificationException e = refused(bundle);

    assertThat(e.reason()).isEqualTo(VerificationException.Reason.INCONSISTENT_STATEMENT);
    assertThat(e.getMessage())
        .contains("is not the digest of its own resources", "vouches for nothing");
  }

  @Test
  void rejectsShardNameWithNonCanonicalOffsets() throws Exception {
    sign(16L);
    ObjectNode bundle =
        withStatement(s -> {
          for (var resource : s.at("/predicate/resources")) {
            if (resource.get("name").textValue().equals("weights.bin:16:32")) {
              ((ObjectNode) resource).put("name", "weights.bin:016:032");
            }
          }
        });

    assertMalformed(refused(bundle), "'weights.bin:016:032'", "expected plain decimal offsets");
  }

  @Test
  void acceptsShardSizeWrittenAsAnIntegralFloatAsTheReferenceWritesIt() throws Exception {
    sign(16L);
    ObjectNode bundle =
        withStatement(s ->
            ((ObjectNode) s.at("/predicate/serialization"))
                .set("shard_size", new DoubleNode(16.0)));
    assertThat(new String(BundleSurgery.payload(bundle), StandardCharsets.UTF_8))
        .contains("\"shard_size\":16.0");

    VerifiedModel verified = verify(BundleSurgery.bytes(bundle));

    assertThat(verified.manifest().serialization().resourceAlgorithm())
        .isEqualTo("sha256-sharded-16");
  }

  @Test
  void rejectsShardSizeWithAFraction() throws Exception {
    sign(16L);
    ObjectNode bundle =
        withStatement(s ->
            ((ObjectNode) s.at("/predicate/serialization"))
                .set("shard_size", new DoubleNode(16.5)));

    assertMalformed(
        refused(bundle),
        "/predicate/serialization/shard_size is 16.5, not a whole number of bytes");
  }

  @Test
  void rejectsResourceAlgorithmThatDoesNotMatchTheSerialization() throws Exception {
    ObjectNode bundle =
        withStatement(
            s -> ((ObjectNode) s.at("/predicate/resources/0")).put("algorithm", "blake2b"));

    assertMalformed(
        refused(bundle),
        "/predicate/resources/0/algorithm is 'blake2b'",
        "expected sha256, as the serialization says");
  }

  @Test
  void rejectsTwoKindsOfVerificationMaterial() throws Exception {
    ObjectNode bundle = bundle();
    ((ObjectNode) bundle.get("verificationMaterial"))
        .putObject("x509CertificateChain")
        .putArray("certificates");

    assertMalformed(refused(bundle), "has publicKey and x509CertificateChain");
  }

  @Test
  void rejectsTransparencyLogEntriesBesideAKey() throws Exception {
    ObjectNode bundle = bundle();
    ((ArrayNode) bundle.at("/verificationMaterial/tlogEntries")).addObject();

    assertMalformed(refused(bundle), "carries transparency-log entries");
  }

  @Test
  void rejectsUnknownMediaType() throws Exception {
    ObjectNode bundle = bundle();
    bundle.put("mediaType", "application/json");

    assertMalformed(refused(bundle), "/mediaType is 'application/json'");
  }
}
