package dev.custody.sigstore;

import static dev.custody.sigstore.UpstreamVector.IDENTITY;
import static dev.custody.sigstore.UpstreamVector.ISSUER;
import static dev.custody.sigstore.UpstreamVector.SUBJECT;
import static dev.custody.sigstore.UpstreamVector.bundle;
import static dev.custody.sigstore.UpstreamVector.trust;
import static dev.custody.sigstore.UpstreamVector.trustedRoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custody.model.Digest;
import dev.custody.sign.KeylessTrust;
import dev.custody.sign.KeylessVerifier;
import dev.custody.sign.Signer;
import dev.custody.sign.VerificationException;
import dev.custody.sign.VerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ServiceLoader;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference project's keyless vector verified offline against Sigstore's public trusted root,
 * then tampered with one field at a time: each change must fail with its own reason and a message
 * that names what failed, with no network access and no sigstore-java exception escaping.
 */
class SigstoreKeylessVerifierTest {
  private final KeylessVerifier verifier = new SigstoreKeylessVerifier();

  @TempDir Path temp;

  @BeforeAll
  static void refuseNetwork() {
    NetworkRecorder.install();
  }

  @Test
  void verifiesTheUpstreamKeylessVector() throws Exception {
    Signer.KeylessSigner signer = verifier.verify(bundle(), SUBJECT, trust());

    assertThat(signer.identity()).isEqualTo(IDENTITY);
    assertThat(signer.issuer()).isEqualTo(ISSUER);
    assertThat(signer.loggedAt()).isEqualTo(Instant.ofEpochSecond(UpstreamVector.INTEGRATED_TIME));
    assertThat(NetworkRecorder.attempts()).as("network attempts").isEmpty();
  }

  @Test
  void isFoundThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(KeylessVerifier.class).findFirst())
        .get()
        .isInstanceOf(SigstoreKeylessVerifier.class);
  }

  @Test
  void rejectsAnotherIdentity() {
    KeylessTrust other = new KeylessTrust(trustedRoot(), "mallory@example.com", ISSUER);
    assertFails(() -> verifier.verify(bundle(), SUBJECT, other), Reason.IDENTITY_MISMATCH)
        .contains("identity '" + IDENTITY + "'", "'mallory@example.com' was expected");
  }

  @Test
  void rejectsAnotherIssuer() {
    KeylessTrust other = new KeylessTrust(trustedRoot(), IDENTITY, "https://accounts.google.com");
    assertFails(() -> verifier.verify(bundle(), SUBJECT, other), Reason.IDENTITY_MISMATCH)
        .contains("OIDC issuer '" + ISSUER + "'", "'https://accounts.google.com' was expected");
  }

  @Test
  void rejectsAnotherSubject() {
    Digest other = Digest.parse("sha256:" + "ab".repeat(32));
    assertFails(() -> verifier.verify(bundle(), other, trust()), Reason.INCONSISTENT_STATEMENT)
        .contains("names subject sha256 ['" + SUBJECT.hex() + "']", other + " was expected");
  }

  @Test
  void rejectsAFlippedByteInTheDsseSignature() {
    byte[] tampered = UpstreamVector.flippedDsseSignature();
    assertFails(() -> verifier.verify(tampered, SUBJECT, trust()), Reason.BAD_SIGNATURE)
        .contains("DSSE signature does not verify");
  }

  @Test
  void rejectsAChangedPayload() {
    byte[] tampered = UpstreamVector.changedPayload();
    assertFails(() -> verifier.verify(tampered, SUBJECT, trust()), Reason.BAD_SIGNATURE)
        .contains("DSSE signature does not verify");
  }

  @Test
  void rejectsATamperedInclusionProofHash() {
    byte[] tampered = UpstreamVector.tamperedInclusionProofHash();
    assertFails(() -> verifier.verify(tampered, SUBJECT, trust()), Reason.TRANSPARENCY_LOG)
        .contains("transparency-log entry (log index 598151086)", "Inclusion proof");
  }

  @Test
  void rejectsATamperedCheckpointSignature() {
    byte[] tampered = UpstreamVector.tamperedCheckpointSignature();
    assertFails(() -> verifier.verify(tampered, SUBJECT, trust()), Reason.TRANSPARENCY_LOG)
        .contains("checkpoint signature");
  }

  @Test
  void rejectsACheckpointForAnotherTreeSize() {
    byte[] tampered = UpstreamVector.tamperedCheckpointTreeSize();
    assertFails(() -> verifier.verify(tampered, SUBJECT, trust()), Reason.TRANSPARENCY_LOG)
        .contains("Checkpoint signature was invalid");
  }

  @Test
  void rejectsACheckpointForAnotherRootHash() {
    byte[] tampered = UpstreamVector.tamperedCheckpointRootHash();
    assertFails(() -> verifier.verify(tampered, SUBJECT, trust()), Reason.TRANSPARENCY_LOG)
        .contains("Checkpoint root hash does not match root hash provided in inclusion proof");
  }

  @Test
  void rejectsATamperedSignedEntryTimestamp() {
    byte[] tampered = UpstreamVector.tamperedSignedEntryTimestamp();
    assertFails(() -> verifier.verify(tampered, SUBJECT, trust()), Reason.TRANSPARENCY_LOG)
        .contains("Entry SET was not valid");
  }

  @Test
  void rejectsAChangedIntegratedTime() {
    byte[] tampered = UpstreamVector.changedIntegratedTime();
    assertFails(() -> verifier.verify(tampered, SUBJECT, trust()), Reason.TRANSPARENCY_LOG)
        .contains("Entry SET was not valid");
  }

  /** sigstore-java 2.0.0 skips the SET when it is absent; custody needs it for a signed time. */
  @Test
  void rejectsAnEntryWithoutSignedEntryTimestamp() {
    byte[] tampered = UpstreamVector.withoutSignedEntryTimestamp();
    assertFails(() -> verifier.verify(tampered, SUBJECT, trust()), Reason.TRANSPARENCY_LOG)
        .contains("no signed entry timestamp");
  }

  /** Only sigstore-java's final pass checks RFC 3161 timestamps: this proves that pass runs. */
  @Test
  void rejectsATamperedRfc3161Timestamp() {
    byte[] tampered = UpstreamVector.tamperedRfc3161Timestamp();
    assertFails(() -> verifier.verify(tampered, SUBJECT, trust()), Reason.TRANSPARENCY_LOG)
        .contains("transparency-log entry or timestamp", "RFC3161 timestamp");
  }

  @Test
  void rejectsADamagedRfc3161Timestamp() {
    byte[] tampered = UpstreamVector.damagedRfc3161Timestamp();
    assertFails(() -> verifier.verify(tampered, SUBJECT, trust()), Reason.MALFORMED_SIGNATURE)
        .contains("cannot read part of the keyless bundle", "RFC 3161 timestamp");
  }

  @Test
  void rejectsACheckpointThatIsNotBase64() {
    byte[] tampered = UpstreamVector.checkpointRootHashNotBase64();
    assertFails(() -> verifier.verify(tampered, SUBJECT, trust()), Reason.TRANSPARENCY_LOG)
        .contains("transparency-log entry (log index 598151086)", "cannot be read");
  }

  @Test
  void rejectsATrustedRootWithoutTheRekorKey() {
    Path root = UpstreamVector.rootWithoutRekorKey(temp);
    assertFails(() -> verifier.verify(bundle(), SUBJECT, trust(root)), Reason.TRANSPARENCY_LOG)
        .contains("does not match any provided transparency logs");
  }

  /** sigstore-java 2.0.0 ignores the log key's validity period; custody checks it. */
  @Test
  void rejectsARekorKeyThatWasNotValidWhenTheEntryWasLogged() {
    Path root = UpstreamVector.rootWithExpiredRekorKey(temp);
    assertFails(() -> verifier.verify(bundle(), SUBJECT, trust(root)), Reason.TRANSPARENCY_LOG)
        .contains("log's key in the trusted root was not valid at 2025-10-10T02:12:20Z");
  }

  @Test
  void rejectsATrustedRootWithAnotherCertificateAuthority() {
    Path root = UpstreamVector.rootWithAnotherCa(temp);
    assertFails(() -> verifier.verify(bundle(), SUBJECT, trust(root)), Reason.UNTRUSTED_CERTIFICATE)
        .contains("signing certificate is not trusted", "not verifiable against CAs");
  }

  @Test
  void rejectsATrustedRootWithoutCtLogs() {
    Path root = UpstreamVector.rootWithoutCtLogs(temp);
    assertFails(() -> verifier.verify(bundle(), SUBJECT, trust(root)), Reason.UNTRUSTED_CERTIFICATE)
        .contains("No ct logs");
  }

  @Test
  void rejectsAMissingTrustedRoot() {
    Path missing = temp.resolve("nowhere.json");
    assertFails(() -> verifier.verify(bundle(), SUBJECT, trust(missing)), Reason.WRONG_TRUST_SOURCE)
        .contains("nowhere.json", "does not exist");
  }

  @Test
  void rejectsATrustedRootThatIsNotOne() throws Exception {
    Path notRoot = Files.writeString(temp.resolve("root.json"), "{\"mediaType\": \"x\"}");
    assertFails(() -> verifier.verify(bundle(), SUBJECT, trust(notRoot)), Reason.WRONG_TRUST_SOURCE)
        .contains("not a Sigstore trusted root", "Unsupported trusted root mediaType");
  }

  @Test
  void rejectsABundleSigstoreCannotRead() {
    byte[] garbage = "{\"mediaType\": 7".getBytes(StandardCharsets.UTF_8);
    assertFails(() -> verifier.verify(garbage, SUBJECT, trust()), Reason.MALFORMED_SIGNATURE)
        .contains("cannot read the keyless bundle");
  }

  @Test
  void encodesThePaeWithByteLengths() {
    byte[] pae = SigstoreKeylessVerifier.pae("t", "é".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo("DSSEv1 1 t 2 é");
  }

  private static AbstractStringAssert<?> assertFails(ThrowingCallable call, Reason reason) {
    VerificationException e = catchThrowableOfType(VerificationException.class, call);
    assertThat(e).as("expected a VerificationException").isNotNull();
    assertThat(e.reason()).as("reason of: %s", e.getMessage()).isEqualTo(reason);
    assertThat(e.getCause()).as("no sigstore-java exception leaks").isNull();
    assertThat(NetworkRecorder.attempts()).as("network attempts").isEmpty();
    return assertThat(e.getMessage());
  }
}
