package dev.custody.sigstore;

import static dev.custody.sigstore.UpstreamVector.IDENTITY;
import static dev.custody.sigstore.UpstreamVector.ISSUER;
import static dev.custody.sigstore.UpstreamVector.SUBJECT;
import static dev.custody.sigstore.UpstreamVector.bundle;
import static dev.custody.sigstore.UpstreamVector.trustedRoot;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.VerificationOptions.CertificateMatcher;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.strings.StringMatcher;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What sigstore-java 2.0.0's own {@code KeylessVerifier} detects, without custody's checks: it
 * rejects every tampered variant custody's tests use, except the two it does not check at all,
 * which custody checks itself. If an upgrade changes any of this, the staged checks in {@link
 * SigstoreKeylessVerifier} need another look.
 */
class SigstoreJavaAloneTest {
  @TempDir static Path temp;

  @BeforeAll
  static void refuseNetwork() {
    NetworkRecorder.install();
  }

  static Stream<Arguments> tamperedBundles() {
    return Stream.of(
        Arguments.of(
            "flipped DSSE signature", (Supplier<byte[]>) UpstreamVector::flippedDsseSignature),
        Arguments.of("changed payload", (Supplier<byte[]>) UpstreamVector::changedPayload),
        Arguments.of(
            "inclusion-proof hash", (Supplier<byte[]>) UpstreamVector::tamperedInclusionProofHash),
        Arguments.of(
            "checkpoint signature", (Supplier<byte[]>) UpstreamVector::tamperedCheckpointSignature),
        Arguments.of(
            "checkpoint tree size", (Supplier<byte[]>) UpstreamVector::tamperedCheckpointTreeSize),
        Arguments.of(
            "checkpoint root hash", (Supplier<byte[]>) UpstreamVector::tamperedCheckpointRootHash),
        Arguments.of(
            "signed entry timestamp",
            (Supplier<byte[]>) UpstreamVector::tamperedSignedEntryTimestamp),
        Arguments.of("integrated time", (Supplier<byte[]>) UpstreamVector::changedIntegratedTime),
        Arguments.of(
            "RFC 3161 timestamp", (Supplier<byte[]>) UpstreamVector::tamperedRfc3161Timestamp));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperedBundles")
  void rejectsTamperedBundle(String name, Supplier<byte[]> bundle) {
    assertThatThrownBy(() -> verify(bundle.get(), trustedRoot(), IDENTITY, ISSUER))
        .isInstanceOf(KeylessVerificationException.class);
  }

  static Stream<Arguments> tamperedRoots() {
    return Stream.<Arguments>of(
        Arguments.of("no Rekor key", (Function<Path, Path>) UpstreamVector::rootWithoutRekorKey),
        Arguments.of("another CA", (Function<Path, Path>) UpstreamVector::rootWithAnotherCa),
        Arguments.of("no CT logs", (Function<Path, Path>) UpstreamVector::rootWithoutCtLogs));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperedRoots")
  void rejectsTamperedTrustedRoot(String name, Function<Path, Path> root) {
    Path tampered = root.apply(temp);
    assertThatThrownBy(() -> verify(bundle(), tampered, IDENTITY, ISSUER))
        .isInstanceOf(KeylessVerificationException.class);
  }

  @Test
  void rejectsAnotherIdentityIssuerOrSubject() {
    assertThatThrownBy(() -> verify(bundle(), trustedRoot(), "mallory@example.com", ISSUER))
        .hasMessageContaining("No provided certificate identities matched");
    assertThatThrownBy(() -> verify(bundle(), trustedRoot(), IDENTITY, "https://example.com"))
        .hasMessageContaining("No provided certificate identities matched");
    assertThatThrownBy(() ->
            verifier(trustedRoot()).verify(new byte[32], read(bundle()), options(IDENTITY, ISSUER)))
        .hasMessageContaining("does not match any subject sha256 digests");
  }

  /**
   * Gap: a timestamp or checkpoint that does not parse escapes as an unchecked exception from
   * BouncyCastle or the JDK, not as a {@code KeylessVerificationException}. Custody turns these
   * into verdicts ({@code rejectsADamagedRfc3161Timestamp}, {@code
   * rejectsACheckpointThatIsNotBase64}).
   */
  @Test
  void throwsUncheckedExceptionsForUnparseableParts() {
    assertThatThrownBy(
            () -> verify(UpstreamVector.damagedRfc3161Timestamp(), trustedRoot(), IDENTITY, ISSUER))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() ->
            verify(UpstreamVector.checkpointRootHashNotBase64(), trustedRoot(), IDENTITY, ISSUER))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Gap: without an inclusion promise the entry's integrated time is unsigned, yet sigstore-java
   * accepts the bundle. Custody refuses it ({@code rejectsAnEntryWithoutSignedEntryTimestamp}).
   */
  @Test
  void acceptsAnEntryWithoutSignedEntryTimestamp() {
    assertThatCode(() ->
            verify(UpstreamVector.withoutSignedEntryTimestamp(), trustedRoot(), IDENTITY, ISSUER))
        .doesNotThrowAnyException();
  }

  /**
   * Gap: sigstore-java finds the Rekor key by its ID alone and ignores its validity period. Custody
   * checks it ({@code rejectsARekorKeyThatWasNotValidWhenTheEntryWasLogged}).
   */
  @Test
  void acceptsARekorKeyOutsideItsValidity() {
    Path root = UpstreamVector.rootWithExpiredRekorKey(temp);
    assertThatCode(() -> verify(bundle(), root, IDENTITY, ISSUER)).doesNotThrowAnyException();
  }

  private static void verify(byte[] bundle, Path root, String identity, String issuer)
      throws Exception {
    verifier(root).verify(SUBJECT.bytes(), read(bundle), options(identity, issuer));
  }

  private static KeylessVerifier verifier(Path root) throws Exception {
    return KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(root)).build();
  }

  private static Bundle read(byte[] bundle) throws Exception {
    return Bundle.from(new StringReader(new String(bundle, StandardCharsets.UTF_8)));
  }

  private static VerificationOptions options(String identity, String issuer) {
    CertificateMatcher matcher =
        CertificateMatcher.fulcio()
            .subjectAlternativeName(StringMatcher.string(identity))
            .issuer(StringMatcher.string(issuer))
            .build();
    return VerificationOptions.builder().addCertificateMatchers(matcher).build();
  }
}
