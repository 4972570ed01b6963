package dev.custody.format.pem;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Key and certificate paths may point at anything. The PEM readers must be total: for any bytes
 * they return a key or certificates, or throw {@link MalformedKeyException}, nothing else. Run with
 * {@code JAZZER_FUZZ=1} to fuzz; the plain build replays the committed inputs (real keys, encrypted
 * keys and certificate chains, and every crash found).
 */
class PemReaderFuzzTest {
  /** The password of the encrypted seed keys. */
  private static final char[] PASSWORD = "correct horse".toCharArray();

  @FuzzTest(maxDuration = "60s")
  void publicKeyReaderEndsWithAKeyOrMalformed(FuzzedDataProvider data) {
    try {
      PemReader.readPublicKey(data.consumeRemainingAsBytes());
    } catch (MalformedKeyException expected) {
      // Refusing is fine; any other exception fails the test.
    }
  }

  @FuzzTest(maxDuration = "60s")
  void privateKeyReaderEndsWithAKeyOrMalformed(FuzzedDataProvider data) {
    byte[] pem = data.consumeRemainingAsBytes();
    try {
      PemReader.readPrivateKey(pem, null);
    } catch (MalformedKeyException expected) {
      // Refusing is fine; any other exception fails the test.
    }
    try {
      PemReader.readPrivateKey(pem, PASSWORD);
    } catch (MalformedKeyException expected) {
      // Refusing is fine; any other exception fails the test.
    }
  }

  @FuzzTest(maxDuration = "60s")
  void certificateReadersEndWithCertificatesOrMalformed(FuzzedDataProvider data) {
    byte[] bytes = data.consumeRemainingAsBytes();
    try {
      PemReader.readCertificates(bytes);
    } catch (MalformedKeyException expected) {
      // Refusing is fine; any other exception fails the test.
    }
    try {
      PemReader.readCertificate(bytes);
    } catch (MalformedKeyException expected) {
      // Refusing is fine; any other exception fails the test.
    }
  }
}
