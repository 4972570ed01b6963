package dev.custody.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.format.pem.PemReader;
import dev.custody.testkit.TestKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key read from each kind of key file signs, and the signature verifies with its public key. */
class KeyFilesTest {
  private static final char[] PASSWORD = "correct horse".toCharArray();

  @TempDir Path tmp;

  private void signsAndVerifies(byte[] privatePem, char[] password, KeyPair original)
      throws Exception {
    Path model = SigningFixtures.model(tmp.resolve("model"));
    SigningKey key = SigningKey.of(PemReader.readPrivateKey(privatePem, password));
    ModelSigner.withKey(key)
        .signModel(model, model.resolve("model.sig"), SigningFixtures.options());
    TrustPolicy trust =
        TrustPolicy.ofKeys(
            java.util.List.of(
                TrustedKey.of(
                    "pub.pem",
                    PemReader.readPublicKey(TestKeys.publicKeyPem(original.getPublic())))));

    VerifiedModel verified =
        new ModelVerifier(trust)
            .verify(model, model.resolve("model.sig"), SigningFixtures.verifyOptions());

    assertThat(((Signer.KeySigner) verified.signer()).keyHint())
        .isEqualTo(PublicKeys.hint(original.getPublic()));
  }

  @Test
  void encryptedPkcs8KeySigns() throws Exception {
    KeyPair pair = TestKeys.generate("secp384r1");

    signsAndVerifies(TestKeys.encryptedPkcs8Pem(pair.getPrivate(), PASSWORD), PASSWORD, pair);
  }

  @Test
  void sec1KeyWithEcParametersSigns() throws Exception {
    KeyPair pair = TestKeys.generate("secp256r1");

    signsAndVerifies(TestKeys.sec1Pem(pair, true), PASSWORD, pair);
  }

  @Test
  void legacyEncryptedSec1KeySigns() throws Exception {
    KeyPair pair = TestKeys.generate("secp521r1");

    signsAndVerifies(TestKeys.encryptedSec1Pem(pair, PASSWORD), PASSWORD, pair);
  }
}
