package dev.custody.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.format.oms.Bundle;
import dev.custody.format.oms.BundleReader;
import dev.custody.format.oms.BundleWriter;
import dev.custody.format.pem.PemReader;
import dev.custody.testkit.ModelTree;
import dev.custody.testkit.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties of the bundles custody writes, checked on the JSON itself: they must pass the
 * reference implementation's strict reader (pydantic {@code extra="forbid"}) and carry exactly what
 * its key and certificate signers write.
 */
class BundlePropertiesTest {
  @TempDir Path tmp;

  private ObjectNode signWithKey(
      SigningKey key, Path model, Path signature, @Nullable Long shardSize) throws Exception {
    ModelSigner.withKey(key)
        .signModel(model, signature, SigningFixtures.options().withShardSize(shardSize));
    return BundleSurgery.parse(Files.readAllBytes(signature));
  }

  private ObjectNode keyBundle() throws Exception {
    Path model = SigningFixtures.model(tmp.resolve("model"));
    return signWithKey(SigningKey.generate(Curve.P256), model, model.resolve("model.sig"), null);
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void keyBundleHasExactlyTheFieldsTheReferenceReaderAllows() throws Exception {
    ObjectNode bundle = keyBundle();

    assertThat(fields(bundle))
        .containsExactlyInAnyOrder("mediaType", "verificationMaterial", "dsseEnvelope");
    assertThat(fields(bundle.get("verificationMaterial")))
        .containsExactlyInAnyOrder("publicKey", "tlogEntries");
    assertThat(fields(bundle.at("/verificationMaterial/publicKey"))).containsExactly("hint");
    assertThat(fields(bundle.get("dsseEnvelope")))
        .containsExactlyInAnyOrder("payload", "payloadType", "signatures");
    assertThat(bundle.at("/dsseEnvelope/signatures").size()).isEqualTo(1);
    assertThat(fields(bundle.at("/dsseEnvelope/signatures/0")))
        .containsExactlyInAnyOrder("sig", "keyid");
  }

  @Test
  void statementHasExactlyTheFieldsOfOmsV1() throws Exception {
    ObjectNode statement = BundleSurgery.statement(keyBundle());

    assertThat(fields(statement))
        .containsExactlyInAnyOrder("_type", "subject", "predicateType", "predicate");
    assertThat(statement.get("_type").textValue()).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(statement.get("predicateType").textValue())
        .isEqualTo("https://model_signing/signature/v1.0");
    assertThat(fields(statement.at("/subject/0"))).containsExactlyInAnyOrder("name", "digest");
    assertThat(fields(statement.at("/subject/0/digest"))).containsExactly("sha256");
    assertThat(fields(statement.get("predicate")))
        .containsExactlyInAnyOrder("serialization", "resources");
    assertThat(fields(statement.at("/predicate/serialization")))
        .containsExactlyInAnyOrder("method", "hash_type", "allow_symlinks", "ignore_paths");
    for (JsonNode resource : statement.at("/predicate/resources")) {
      assertThat(fields(resource)).containsExactlyInAnyOrder("name", "algorithm", "digest");
    }
  }

  @Test
  void keyIdIsEmptyTlogEntriesEmptyAndMediaTypeV03() throws Exception {
    ObjectNode bundle = keyBundle();

    assertThat(bundle.get("mediaType").textValue())
        .isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(bundle.at("/verificationMaterial/tlogEntries").isArray()).isTrue();
    assertThat(bundle.at("/verificationMaterial/tlogEntries").size()).isZero();
    assertThat(bundle.at("/dsseEnvelope/signatures/0/keyid").isTextual()).isTrue();
    assertThat(bundle.at("/dsseEnvelope/signatures/0/keyid").textValue()).isEmpty();
    assertThat(bundle.at("/dsseEnvelope/payloadType").textValue())
        .isEqualTo("application/vnd.in-toto+json");
  }

  @Test
  void keyHintIsSha256OfTheOpensslPemText() throws Exception {
    SigningKey key = SigningKey.generate(Curve.P384);
    Path model = SigningFixtures.model(tmp.resolve("model"));
    ObjectNode bundle = signWithKey(key, model, tmp.resolve("model.sig"), null);

    // openssl pkey -pubout: header, base64 of the DER SubjectPublicKeyInfo in lines of 64, footer.
    String base64 = Base64.getEncoder().encodeToString(key.publicKey().getEncoded());
    StringBuilder pem = new StringBuilder("-----BEGIN PUBLIC KEY-----\n");
    for (int i = 0; i < base64.length(); i += 64) {
      pem.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
    }
    pem.append("-----END PUBLIC KEY-----\n");

    assertThat(bundle.at("/verificationMaterial/publicKey/hint").textValue())
        .isEqualTo(RoundTripTest.sha256Hex(pem.toString().getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void keyHintEqualsTheSha256OfTheReferencesPublicKeyFile() throws Exception {
    Path keys = OmsSignatureVectorsTest.VECTORS.resolve("keys");
    SigningKey key =
        SigningKey.of(PemReader.readPrivateKey(Files.readAllBytes(keys.resolve("p256.pem")), null));
    Path model = SigningFixtures.model(tmp.resolve("model"));

    ObjectNode bundle = signWithKey(key, model, tmp.resolve("model.sig"), null);

    String hint = bundle.at("/verificationMaterial/publicKey/hint").textValue();
    assertThat(hint)
        .isEqualTo(RoundTripTest.sha256Hex(Files.readAllBytes(keys.resolve("p256.pub.pem"))));
    // ...and the hint the reference itself wrote for this key.
    ObjectNode reference =
        BundleSurgery.parse(
            Files.readAllBytes(
                OmsSignatureVectorsTest.VECTORS.resolve("sigs/files-sha256-p256.sig")));
    assertThat(hint).isEqualTo(reference.at("/verificationMaterial/publicKey/hint").textValue());
  }

  @Test
  void certificateBundleCarriesTheLeafThenTheIntermediateButNotTheRoot() throws Exception {
    SigningKey key = SigningKey.generate(Curve.P256);
    TestCertificates.Chain chain = SigningFixtures.chainFor(key);
    Path model = SigningFixtures.model(tmp.resolve("model"));
    ModelSigner.withCertificates(key, chain.signingChain())
        .signModel(model, model.resolve("model.sig"), SigningFixtures.options());
    ObjectNode bundle = BundleSurgery.parse(Files.readAllBytes(model.resolve("model.sig")));

    assertThat(fields(bundle.get("verificationMaterial")))
        .containsExactlyInAnyOrder("x509CertificateChain", "tlogEntries");
    assertThat(bundle.at("/verificationMaterial/tlogEntries").size()).isZero();
    assertThat(fields(bundle.at("/verificationMaterial/x509CertificateChain")))
        .containsExactly("certificates");
    JsonNode certificates = bundle.at("/verificationMaterial/x509CertificateChain/certificates");
    assertThat(certificates.size()).isEqualTo(2);
    for (JsonNode certificate : certificates) {
      assertThat(fields(certificate)).containsExactly("rawBytes");
    }
    assertThat(Base64.getDecoder().decode(certificates.get(0).get("rawBytes").textValue()))
        .isEqualTo(chain.leaf().certificate().getEncoded());
    assertThat(Base64.getDecoder().decode(certificates.get(1).get("rawBytes").textValue()))
        .isEqualTo(chain.intermediate().certificate().getEncoded());
    assertThat(fields(bundle.at("/dsseEnvelope/signatures/0")))
        .containsExactlyInAnyOrder("sig", "keyid");
    assertThat(bundle.at("/dsseEnvelope/signatures/0/keyid").textValue()).isEmpty();
  }

  @Test
  void statementHasOneSubjectNamedAfterTheModelWithItsRootDigest() throws Exception {
    Path model = SigningFixtures.model(tmp.resolve("my-model"));
    SignedModel signed =
        ModelSigner.withKey(SigningKey.generate(Curve.P256))
            .signModel(model, tmp.resolve("model.sig"), SigningFixtures.options());
    ObjectNode statement =
        BundleSurgery.statement(BundleSurgery.parse(Files.readAllBytes(tmp.resolve("model.sig"))));

    assertThat(statement.get("subject").size()).isEqualTo(1);
    assertThat(statement.at("/subject/0/name").textValue()).isEqualTo("my-model");
    assertThat(statement.at("/subject/0/digest/sha256").textValue())
        .isEqualTo(signed.manifest().rootDigest().hex());
  }

  @Test
  void shardSizeIsAnIntegerAndOnlyPresentForShards() throws Exception {
    SigningKey key = SigningKey.generate(Curve.P256);
    Path model = SigningFixtures.model(tmp.resolve("model"));

    ObjectNode files = BundleSurgery.statement(signWithKey(key, model, tmp.resolve("f.sig"), null));
    ObjectNode shards = BundleSurgery.statement(signWithKey(key, model, tmp.resolve("s.sig"), 16L));

    assertThat(files.at("/predicate/serialization/method").textValue()).isEqualTo("files");
    assertThat(files.at("/predicate/serialization").has("shard_size")).isFalse();
    assertThat(shards.at("/predicate/serialization/method").textValue()).isEqualTo("shards");
    JsonNode shardSize = shards.at("/predicate/serialization/shard_size");
    assertThat(shardSize.isIntegralNumber()).isTrue();
    assertThat(shardSize.longValue()).isEqualTo(16);
    assertThat(shards.at("/predicate/resources/0/algorithm").textValue())
        .isEqualTo("sha256-sharded-16");
  }

  @Test
  void resourcesAreSortedByPathComponentThenByNumericShardRange() throws Exception {
    Path model =
        ModelTree.at(tmp.resolve("model"))
            .file("a.txt", "a")
            .file("a/b.txt", "b")
            .file("B.txt", "B")
            .pattern("f", 130, 7)
            .root();
    SigningKey key = SigningKey.generate(Curve.P256);

    ObjectNode files = BundleSurgery.statement(signWithKey(key, model, tmp.resolve("f.sig"), null));
    ObjectNode shards = BundleSurgery.statement(signWithKey(key, model, tmp.resolve("s.sig"), 16L));

    assertThat(names(files)).containsExactly("B.txt", "a/b.txt", "a.txt", "f");
    assertThat(names(shards))
        .containsExactly(
            "B.txt:0:1",
            "a/b.txt:0:1",
            "a.txt:0:1",
            "f:0:16",
            "f:16:32",
            "f:32:48",
            "f:48:64",
            "f:64:80",
            "f:80:96",
            "f:96:112",
            "f:112:128",
            "f:128:130");
  }

  private static List<String> names(ObjectNode statement) {
    List<String> names = new ArrayList<>();
    for (JsonNode resource : statement.at("/predicate/resources")) {
      names.add(resource.get("name").textValue());
    }
    return names;
  }

  @Test
  void signatureFileInsideTheModelIsListedInIgnorePaths() throws Exception {
    ObjectNode statement = BundleSurgery.statement(keyBundle());

    List<String> ignored = new ArrayList<>();
    statement.at("/predicate/serialization/ignore_paths").forEach(p -> ignored.add(p.textValue()));
    assertThat(ignored)
        .containsExactlyInAnyOrder(".git", ".gitattributes", ".github", ".gitignore", "model.sig");
    assertThat(names(statement)).doesNotContain("model.sig");
  }

  @Test
  void signatureFileOutsideTheModelIsNotListedInIgnorePaths() throws Exception {
    Path model = SigningFixtures.model(tmp.resolve("model"));
    ObjectNode statement =
        BundleSurgery.statement(
            signWithKey(SigningKey.generate(Curve.P256), model, tmp.resolve("model.sig"), null));

    List<String> ignored = new ArrayList<>();
    statement.at("/predicate/serialization/ignore_paths").forEach(p -> ignored.add(p.textValue()));
    assertThat(ignored)
        .containsExactlyInAnyOrder(".git", ".gitattributes", ".github", ".gitignore");
  }

  @Test
  void envelopeSignatureIsEcdsaOverTheDssePreAuthenticationEncoding() throws Exception {
    SigningKey key = SigningKey.generate(Curve.P521);
    Path model = SigningFixtures.model(tmp.resolve("model"));
    ObjectNode bundle = signWithKey(key, model, tmp.resolve("model.sig"), null);
    byte[] payload = BundleSurgery.payload(bundle);
    String type = "application/vnd.in-toto+json";

    ByteArrayOutputStream pae = new ByteArrayOutputStream();
    pae.writeBytes(
        ("DSSEv1 " + type.length() + " " + type + " " + payload.length + " ")
            .getBytes(StandardCharsets.US_ASCII));
    pae.writeBytes(payload);
    Signature ecdsa = Signature.getInstance("SHA512withECDSA");
    ecdsa.initVerify(key.publicKey());
    ecdsa.update(pae.toByteArray());

    assertThat(
            ecdsa.verify(
                Base64.getDecoder()
                    .decode(bundle.at("/dsseEnvelope/signatures/0/sig").textValue())))
        .isTrue();
  }

  @Test
  void readerReadsBackExactlyWhatTheWriterWrote() throws Exception {
    SigningKey key = SigningKey.generate(Curve.P256);
    Path model = SigningFixtures.model(tmp.resolve("model"));
    SignedModel signed =
        ModelSigner.withCertificates(key, SigningFixtures.chainFor(key).signingChain())
            .signModel(model, tmp.resolve("model.sig"), SigningFixtures.options());

    byte[] written = Files.readAllBytes(tmp.resolve("model.sig"));
    Bundle read = BundleReader.read(written);

    assertThat(read).isEqualTo(signed.bundle());
    assertThat(BundleWriter.write(read)).isEqualTo(written);
    assertThat(new String(written, StandardCharsets.UTF_8)).endsWith("}\n");
  }
}
