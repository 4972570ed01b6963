package dev.custody.format.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.custody.testkit.TestCertificates;
import dev.custody.testkit.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every key file a signer may hand custody, made the way {@code openssl} makes them (built with
 * BouncyCastle, so no tool is needed): each is read, or refused with a message that says what the
 * file held and what to do.
 */
class PemReaderTest {
  private static final char[] PASSWORD = "correct horse".toCharArray();

  private static void assertSameKeys(KeyPair read, KeyPair original) {
    // Encodings may differ (an embedded public key, explicit parameters); the scalar may not.
    assertThat(((ECPrivateKey) read.getPrivate()).getS())
        .isEqualTo(((ECPrivateKey) original.getPrivate()).getS());
    assertThat(read.getPublic().getEncoded()).isEqualTo(original.getPublic().getEncoded());
  }

  @ParameterizedTest
  @ValueSource(strings = {"secp256r1", "secp384r1", "secp521r1"})
  void readsPlainPkcs8AndDerivesThePublicKey(String curve) throws Exception {
    KeyPair pair = TestKeys.generate(curve);

    assertSameKeys(PemReader.readPrivateKey(TestKeys.pkcs8Pem(pair.getPrivate()), null), pair);
  }

  @ParameterizedTest
  @ValueSource(strings = {"secp256r1", "secp384r1", "secp521r1"})
  void readsEncryptedPkcs8WithTheRightPassword(String curve) throws Exception {
    KeyPair pair = TestKeys.generate(curve);
    byte[] pem = TestKeys.encryptedPkcs8Pem(pair.getPrivate(), PASSWORD);
    assertThat(new String(pem, StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

    assertSameKeys(PemReader.readPrivateKey(pem, PASSWORD), pair);
  }

  @Test
  void rejectsEncryptedPkcs8WithAWrongPassword() {
    byte[] pem = TestKeys.encryptedPkcs8Pem(TestKeys.generate("secp256r1").getPrivate(), PASSWORD);

    MalformedKeyException e =
        assertThrows(
            MalformedKeyException.class,
            () -> PemReader.readPrivateKey(pem, "wrong".toCharArray()));

    assertThat(e.getMessage()).contains("could not be decrypted", "wrong password");
  }

  @Test
  void rejectsEncryptedPkcs8WithoutAPassword() {
    byte[] pem = TestKeys.encryptedPkcs8Pem(TestKeys.generate("secp256r1").getPrivate(), PASSWORD);

    MalformedKeyException e =
        assertThrows(MalformedKeyException.class, () -> PemReader.readPrivateKey(pem, null));

    assertThat(e.getMessage()).contains("encrypted and no password was given");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsSec1KeyWithOrWithoutTheEcParametersBlock(boolean withParameters) throws Exception {
    KeyPair pair = TestKeys.generate("secp384r1");
    byte[] pem = TestKeys.sec1Pem(pair, withParameters);
    String text = new String(pem, StandardCharsets.US_ASCII);
    assertThat(text.startsWith("-----BEGIN EC PARAMETERS-----")).isEqualTo(withParameters);
    assertThat(text).contains("-----BEGIN EC PRIVATE KEY-----");

    assertSameKeys(PemReader.readPrivateKey(pem, null), pair);
  }

  @Test
  void readsSec1KeyWithoutItsOptionalPublicKeyAndDerivesIt() throws Exception {
    KeyPair pair = TestKeys.generate("secp256r1");

    assertSameKeys(
        PemReader.readPrivateKey(TestKeys.sec1PemWithoutPublicKey(pair.getPrivate()), null), pair);
  }

  @Test
  void rejectsSec1KeyWhosePublicKeyBelongsToAnotherKey() {
    KeyPair pair = TestKeys.generate("secp256r1");
    KeyPair mismatched = new KeyPair(TestKeys.generate("secp256r1").getPublic(), pair.getPrivate());

    MalformedKeyException e =
        assertThrows(
            MalformedKeyException.class,
            () -> PemReader.readPrivateKey(TestKeys.sec1Pem(mismatched, false), null));

    assertThat(e.getMessage()).contains("public key does not belong to its private key");
  }

  @Test
  void readsLegacyEncryptedSec1WithTheRightPasswordAndRefusesAWrongOrMissingOne() {
    KeyPair pair = TestKeys.generate("secp256r1");
    byte[] pem = TestKeys.encryptedSec1Pem(pair, PASSWORD);
    assertThat(new String(pem, StandardCharsets.US_ASCII)).contains("Proc-Type: 4,ENCRYPTED");

    MalformedKeyException wrong =
        assertThrows(
            MalformedKeyException.class,
            () -> PemReader.readPrivateKey(pem, "wrong".toCharArray()));
    MalformedKeyException missing =
        assertThrows(MalformedKeyException.class, () -> PemReader.readPrivateKey(pem, null));

    assertThat(wrong.getMessage()).contains("wrong password");
    assertThat(missing.getMessage()).contains("no password was given");
    try {
      assertSameKeys(PemReader.readPrivateKey(pem, PASSWORD), pair);
    } catch (MalformedKeyException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void readsPublicKey() throws Exception {
    KeyPair pair = TestKeys.generate("secp521r1");

    PublicKey key = PemReader.readPublicKey(TestKeys.publicKeyPem(pair.getPublic()));

    assertThat(key.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
  }

  @Test
  void rejectsPublicKeyGivenAsThePrivateKey() {
    byte[] pem = TestKeys.publicKeyPem(TestKeys.generate("secp256r1").getPublic());

    MalformedKeyException e =
        assertThrows(MalformedKeyException.class, () -> PemReader.readPrivateKey(pem, null));

    assertThat(e.getMessage()).contains("holds a public key, not a private key");
  }

  @Test
  void rejectsPrivateKeyGivenAsThePublicKey() {
    byte[] pem = TestKeys.pkcs8Pem(TestKeys.generate("secp256r1").getPrivate());

    MalformedKeyException e =
        assertThrows(MalformedKeyException.class, () -> PemReader.readPublicKey(pem));

    assertThat(e.getMessage()).contains("holds a private key", "expected a public key");
  }

  @Test
  void rejectsCertificateGivenAsThePublicKeyAndSaysHowToExtractIt() {
    byte[] pem =
        TestCertificates.chain("secp256r1").leaf().pem().getBytes(StandardCharsets.US_ASCII);

    MalformedKeyException e =
        assertThrows(MalformedKeyException.class, () -> PemReader.readPublicKey(pem));

    assertThat(e.getMessage()).contains("holds a certificate, not a public key", "openssl x509");
  }

  @Test
  void rejectsRsaKeyBecauseOmsSignsWithEcdsaOnly() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    byte[] pem = TestKeys.pkcs8Pem(rsa.generateKeyPair().getPrivate());

    MalformedKeyException e =
        assertThrows(MalformedKeyException.class, () -> PemReader.readPrivateKey(pem, null));

    assertThat(e.getMessage()).contains("RSA", "expected an EC key on P-256, P-384 or P-521");
  }

  @Test
  void rejectsKeyOnACurveOmsDoesNotSignWith() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
    generator.initialize(new ECGenParameterSpec("secp256k1"));
    byte[] pem = TestKeys.pkcs8Pem(generator.generateKeyPair().getPrivate());

    MalformedKeyException e =
        assertThrows(MalformedKeyException.class, () -> PemReader.readPrivateKey(pem, null));

    assertThat(e.getMessage()).contains("expected", "P-256");
  }

  @Test
  void rejectsTwoKeysInOneFile() {
    byte[] one = TestKeys.pkcs8Pem(TestKeys.generate("secp256r1").getPrivate());
    byte[] two = new byte[one.length * 2];
    System.arraycopy(one, 0, two, 0, one.length);
    System.arraycopy(one, 0, two, one.length, one.length);

    MalformedKeyException e =
        assertThrows(MalformedKeyException.class, () -> PemReader.readPrivateKey(two, null));

    assertThat(e.getMessage()).contains("holds 2 PEM blocks", "expected exactly one");
  }

  @Test
  void rejectsFileWithoutPem() {
    MalformedKeyException e =
        assertThrows(
            MalformedKeyException.class,
            () -> PemReader.readPublicKey("not a key\n".getBytes(StandardCharsets.US_ASCII)));

    assertThat(e.getMessage()).contains("holds no PEM block", "-----BEGIN");
  }

  @Test
  void rejectsPemWithBrokenBase64() {
    String pem = "-----BEGIN PUBLIC KEY-----\n@@@@\n-----END PUBLIC KEY-----\n";

    MalformedKeyException e =
        assertThrows(
            MalformedKeyException.class,
            () -> PemReader.readPublicKey(pem.getBytes(StandardCharsets.US_ASCII)));

    assertThat(e.getMessage()).contains("not valid base64");
  }

  @Test
  void readsCertificateChainInFileOrder() throws Exception {
    TestCertificates.Chain chain = TestCertificates.chain("secp384r1");
    String pem =
        TestCertificates.pem(
            List.of(
                chain.leaf().certificate(),
                chain.intermediate().certificate(),
                chain.root().certificate()));

    List<X509Certificate> read =
        PemReader.readCertificates(pem.getBytes(StandardCharsets.US_ASCII));

    assertThat(read)
        .containsExactly(
            chain.leaf().certificate(),
            chain.intermediate().certificate(),
            chain.root().certificate());
  }

  @Test
  void rejectsKeyInACertificateChainFile() {
    byte[] pem = TestKeys.pkcs8Pem(TestKeys.generate("secp256r1").getPrivate());

    MalformedKeyException e =
        assertThrows(MalformedKeyException.class, () -> PemReader.readCertificates(pem));

    assertThat(e.getMessage()).contains("holds a private key", "expected certificates");
  }
}
