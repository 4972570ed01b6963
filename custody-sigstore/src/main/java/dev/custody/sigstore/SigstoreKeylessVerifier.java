package dev.custody.sigstore;

import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import dev.custody.sign.KeylessTrust;
import dev.custody.sign.KeylessVerifier;
import dev.custody.sign.Signer;
import dev.custody.sign.VerificationException;
import dev.custody.sign.VerificationException.Reason;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.VerificationOptions;
import dev.sigstore.VerificationOptions.CertificateMatcher;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import dev.sigstore.dsse.InTotoPayload;
import dev.sigstore.encryption.certificates.Certificates;
import dev.sigstore.fulcio.client.FulcioVerificationException;
import dev.sigstore.fulcio.client.FulcioVerifier;
import dev.sigstore.json.JsonParseException;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.rekor.client.RekorVerificationException;
import dev.sigstore.rekor.client.RekorVerifier;
import dev.sigstore.strings.StringMatcher;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.sigstore.trustroot.TransparencyLog;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Verifies OMS keyless bundles with sigstore-java 2.0.0, offline, against the trusted root the
 * caller names.
 *
 * <p>sigstore-java reports every failure as one exception type, so the checks run here one at a
 * time, in the order sigstore-java runs them, each through the sigstore-java piece that does it
 * (Fulcio chain and SCT, certificate identity, in-toto subject, DSSE signature, Rekor entry). That
 * is what gives each failure its own {@link Reason} and message. Then sigstore-java's whole {@code
 * KeylessVerifier} runs as the final gate: it adds the checks that the log entry's body matches the
 * envelope and that any RFC 3161 timestamps verify. Custody adds three checks of its own that
 * sigstore-java 2.0.0 leaves out: the log entry must carry a signed entry timestamp (otherwise its
 * time is unsigned), that time must lie within the certificate's validity, and the log's key must
 * have been valid then.
 */
public final class SigstoreKeylessVerifier implements KeylessVerifier {
  private static final String IN_TOTO = "application/vnd.in-toto+json";

  /** Used by {@link java.util.ServiceLoader}. */
  public SigstoreKeylessVerifier() {}

  @Override
  public Signer.KeylessSigner verify(byte[] bundleJson, Digest subject, KeylessTrust trust)
      throws VerificationException {
    if (subject.algorithm() != HashAlgorithm.SHA256) {
      throw new IllegalArgumentException(
          "keyless subjects are sha256 digests (in-toto subject digest 'sha256'), not " + subject);
    }
    SigstoreTrustedRoot root = readTrustedRoot(trust.trustedRoot());
    Bundle bundle = readBundle(bundleJson);
    Bundle.DsseEnvelope envelope = dsseEnvelope(bundle);
    X509Certificate leaf = Certificates.getLeaf(bundle.getCertPath());

    checkCertificate(root, bundle);
    FulcioIdentity signer = FulcioIdentity.of(leaf);
    checkIdentity(signer, trust);
    checkSubject(envelope, subject);
    checkSignature(envelope, leaf);
    checkSigstoreCanEncode(envelope);
    RekorEntry entry = bundle.getEntries().get(0); // BundleReader refuses bundles without one
    checkLogEntry(root, entry, leaf);
    runSigstoreVerifier(root, bundle, subject, trust);
    return new Signer.KeylessSigner(
        signer.identity(), signer.issuer(), entry.getIntegratedTimeInstant());
  }

  private static SigstoreTrustedRoot readTrustedRoot(Path file) throws VerificationException {
    try {
      return SigstoreTrustedRoot.from(Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      throw badTrustedRoot(file, "it does not exist");
    } catch (IOException | SigstoreConfigurationException e) {
      throw badTrustedRoot(file, "it is not a Sigstore trusted root: " + causes(e));
    }
  }

  private static VerificationException badTrustedRoot(Path file, String why) {
    return new VerificationException(
        Reason.WRONG_TRUST_SOURCE,
        "cannot use the trusted root "
            + Untrusted.quote(file.toString())
            + " for keyless verification: "
            + why
            + "; pass the trusted_root.json (media type"
            + " application/vnd.dev.sigstore.trustedroot+json;version=0.1) of the Sigstore"
            + " instance that issued the signature");
  }

  private static Bundle readBundle(byte[] bundleJson) throws VerificationException {
    try {
      return Bundle.from(new StringReader(new String(bundleJson, StandardCharsets.UTF_8)));
    } catch (BundleParseException | RuntimeException e) {
      // The protobuf reader underneath may fail with unchecked exceptions on odd input; a
      // verifier of untrusted bytes must turn every one into a verdict.
      throw new VerificationException(
          Reason.MALFORMED_SIGNATURE,
          "sigstore-java cannot read the keyless bundle: "
              + causes(e)
              + "; the signature file is damaged or not a Sigstore bundle: sign the model again",
          null);
    }
  }

  private static Bundle.DsseEnvelope dsseEnvelope(Bundle bundle) throws VerificationException {
    Bundle.DsseEnvelope envelope =
        bundle
            .getDsseEnvelope()
            .orElseThrow(() ->
                new VerificationException(
                    Reason.MALFORMED_SIGNATURE,
                    "the keyless bundle signs a message, not a DSSE envelope (expected an OMS"
                        + " in-toto statement in dsseEnvelope); it is not a model signature"));
    if (envelope.getSignatures().size() != 1 || !IN_TOTO.equals(envelope.getPayloadType())) {
      throw new VerificationException(
          Reason.MALFORMED_SIGNATURE,
          "the keyless bundle's DSSE envelope has "
              + envelope.getSignatures().size()
              + " signatures and payload type "
              + Untrusted.quote(envelope.getPayloadType())
              + " (expected exactly 1 signature over "
              + IN_TOTO
              + "); it is not an OMS model signature");
    }
    return envelope;
  }

  /** The certificate chains to a trusted Fulcio CA and carries an SCT from a trusted CT log. */
  private static void checkCertificate(SigstoreTrustedRoot root, Bundle bundle)
      throws VerificationException {
    try {
      FulcioVerifier.newFulcioVerifier(root).verifySigningCertificate(bundle.getCertPath());
    } catch (FulcioVerificationException
        | IOException
        | GeneralSecurityException
        | RuntimeException e) {
      // Unchecked too: the certificates' extensions (SCTs) are parsed from untrusted bytes.
      throw new VerificationException(
          Reason.UNTRUSTED_CERTIFICATE,
          "the keyless signing certificate is not trusted: "
              + causes(e)
              + "; the trusted root must hold the Fulcio CA that issued it and the CT log that"
              + " logged it: pass the trusted root of the Sigstore instance that signed",
          null);
    }
  }

  private static void checkIdentity(FulcioIdentity found, KeylessTrust trust)
      throws VerificationException {
    if (!found.identity().equals(trust.identity())) {
      throw mismatch("identity", found.identity(), trust.identity());
    }
    if (!found.issuer().equals(trust.issuer())) {
      throw mismatch("OIDC issuer", found.issuer(), trust.issuer());
    }
  }

  private static VerificationException mismatch(String what, String found, String expected) {
    return new VerificationException(
        Reason.IDENTITY_MISMATCH,
        "the keyless signing certificate names "
            + what
            + " "
            + Untrusted.quote(found)
            + ", but "
            + Untrusted.quote(expected)
            + " was expected; the model was signed by someone else: check who should have signed"
            + " it, or get a signature from "
            + Untrusted.quote(expected));
  }

  /** The statement names exactly this subject, as sigstore-java's DSSE check requires. */
  private static void checkSubject(Bundle.DsseEnvelope envelope, Digest subject)
      throws VerificationException {
    InTotoPayload statement;
    try {
      statement = InTotoPayload.from(envelope);
    } catch (JsonParseException e) {
      throw new VerificationException(
          Reason.MALFORMED_SIGNATURE,
          "the keyless bundle's in-toto statement is not valid JSON: "
              + causes(e)
              + "; sign the model again",
          null);
    }
    List<String> named =
        statement.getSubject().stream()
            .map(s -> Objects.requireNonNullElse(s.getDigest().get("sha256"), "(no sha256)"))
            .toList();
    if (!named.contains(subject.hex())) {
      throw new VerificationException(
          Reason.INCONSISTENT_STATEMENT,
          "the keyless signature's in-toto statement names subject sha256 "
              + named.stream().map(Untrusted::quote).toList()
              + ", but "
              + subject
              + " was expected; the signature is for another model or another version of it:"
              + " sign this model, or verify with the signature made for it");
    }
  }

  /**
   * The DSSE signature verifies over the PAE with the certificate's key. Custody builds the PAE
   * from the payload bytes as DSSE specifies, independently of sigstore-java.
   */
  private static void checkSignature(Bundle.DsseEnvelope envelope, X509Certificate leaf)
      throws VerificationException {
    boolean valid;
    try {
      Signature verifier = Signature.getInstance(signatureAlgorithm(leaf));
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(pae(envelope.getPayloadType(), envelope.getPayload()));
      valid = verifier.verify(envelope.getSignature());
    } catch (GeneralSecurityException e) {
      // A damaged DER signature fails to decode: that is a bad signature, not a crash.
      valid = false;
    }
    if (!valid) {
      throw new VerificationException(
          Reason.BAD_SIGNATURE,
          "the keyless bundle's DSSE signature does not verify with the key in its signing"
              + " certificate: the signed statement or the signature was changed after signing;"
              + " get the original signature file or sign the model again");
    }
  }

  private static String signatureAlgorithm(X509Certificate leaf) throws VerificationException {
    String key = leaf.getPublicKey().getAlgorithm();
    return switch (key) {
      case "EC" -> "SHA256withECDSA"; // what sigstore-java's EcdsaVerifier uses for every curve
      case "Ed25519", "EdDSA" -> "Ed25519";
      case "RSA" -> "SHA256withRSA";
      default ->
          throw new VerificationException(
              Reason.UNSUPPORTED,
              "the keyless signing certificate holds a "
                  + Untrusted.quote(key)
                  + " key, which sigstore-java cannot verify (expected EC, Ed25519 or RSA)");
    };
  }

  /** DSSE v1 pre-authentication encoding; lengths are byte lengths in ASCII decimal. */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
            .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + payload.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(payload, 0, out, head.length, payload.length);
    return out;
  }

  /**
   * sigstore-java 2.0.0 writes the payload's length into the PAE in UTF-16 chars, not bytes ({@code
   * Bundle.DsseEnvelope.getPAE}), so it rejects every correctly signed payload that is not pure
   * ASCII (a model file with a non-ASCII name). Say so instead of blaming the signature.
   */
  private static void checkSigstoreCanEncode(Bundle.DsseEnvelope envelope)
      throws VerificationException {
    for (byte b : envelope.getPayload()) {
      if (b < 0) {
        throw new VerificationException(
            Reason.UNSUPPORTED,
            "the keyless signature verifies, but its statement holds non-ASCII text (e.g. a file"
                + " name), which sigstore-java 2.0.0 cannot verify (it counts the DSSE payload"
                + " length in characters, not bytes); verify this model with the Python"
                + " model_signing tool until custody's Sigstore module is updated");
      }
    }
  }

  /**
   * The log entry's signed entry timestamp, inclusion proof and checkpoint verify against a log in
   * the trusted root, and the time it signs lies within the certificate's validity.
   */
  private static void checkLogEntry(
      SigstoreTrustedRoot root, RekorEntry entry, X509Certificate leaf)
      throws VerificationException {
    String set = entry.getVerification().getSignedEntryTimestamp();
    if (set == null || set.isEmpty()) {
      throw logFailure(
          entry,
          "it has no signed entry timestamp (inclusionPromise), so the time it was logged is"
              + " unsigned (custody needs it; Rekor v2 bundles are not supported yet)");
    }
    try {
      RekorVerifier.newRekorVerifier(root).verifyEntry(entry);
    } catch (RekorVerificationException e) {
      throw logFailure(entry, causes(e));
    } catch (RuntimeException e) {
      // sigstore-java decodes the checkpoint's base64 and hex without catching what fails.
      throw logFailure(entry, "part of it cannot be read: " + causes(e));
    }
    Instant logged = entry.getIntegratedTimeInstant();
    byte[] logId = HexFormat.of().parseHex(entry.getLogID());
    if (TransparencyLog.find(root.getTLogs(), logId, logged).isEmpty()) {
      throw logFailure(entry, "the log's key in the trusted root was not valid at " + logged);
    }
    Instant notBefore = leaf.getNotBefore().toInstant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    if (logged.isBefore(notBefore) || logged.isAfter(notAfter)) {
      throw logFailure(
          entry,
          "it was logged at "
              + logged
              + ", outside the signing certificate's validity ("
              + notBefore
              + " to "
              + notAfter
              + ")");
    }
  }

  private static VerificationException logFailure(RekorEntry entry, String why) {
    return new VerificationException(
        Reason.TRANSPARENCY_LOG,
        "the keyless signature's transparency-log entry (log index "
            + entry.getLogIndex()
            + ") does not verify: "
            + why
            + "; the entry was altered, or the trusted root lacks the log's key: get the original"
            + " signature file, or pass the trusted root of the Sigstore instance that logged it");
  }

  /**
   * sigstore-java's own verifier, with the identity as its certificate matcher. After the checks
   * above pass, what it can still reject is the log entry's body disagreeing with the envelope, or
   * an RFC 3161 timestamp.
   */
  private static void runSigstoreVerifier(
      SigstoreTrustedRoot root, Bundle bundle, Digest subject, KeylessTrust trust)
      throws VerificationException {
    CertificateMatcher identity =
        CertificateMatcher.fulcio()
            .subjectAlternativeName(StringMatcher.string(trust.identity()))
            .issuer(StringMatcher.string(trust.issuer()))
            .build();
    try {
      dev.sigstore.KeylessVerifier.builder()
          .trustedRootProvider(() -> root)
          .build()
          .verify(
              subject.bytes(),
              bundle,
              VerificationOptions.builder().addCertificateMatchers(identity).build());
    } catch (KeylessVerificationException e) {
      throw new VerificationException(
          Reason.TRANSPARENCY_LOG,
          "the keyless signature's transparency-log entry or timestamp does not match the signed"
              + " envelope: "
              + causes(e)
              + "; the bundle was altered: get the original signature file or sign the model"
              + " again",
          null);
    } catch (RuntimeException e) {
      // sigstore-java parses the RFC 3161 timestamps here, and BouncyCastle's DER reader fails
      // on damaged ones with unchecked exceptions.
      throw new VerificationException(
          Reason.MALFORMED_SIGNATURE,
          "sigstore-java cannot read part of the keyless bundle (its RFC 3161 timestamp or log"
              + " entry): "
              + causes(e)
              + "; the signature file is damaged: get the original or sign the model again",
          null);
    } catch (GeneralSecurityException | SigstoreConfigurationException e) {
      throw new VerificationException(
          Reason.WRONG_TRUST_SOURCE,
          "sigstore-java cannot use the trusted root's keys: "
              + causes(e)
              + "; pass a trusted_root.json whose keys are valid",
          null);
    }
  }

  /**
   * The messages of {@code e} and its causes, quoted as untrusted: sigstore-java's texts may hold
   * bundle content. The exceptions themselves are not chained, so no sigstore-java type leaves this
   * module.
   */
  private static String causes(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null && out.length() < 400; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isBlank() && out.indexOf(message) < 0) {
        out.append(out.isEmpty() ? "" : ": ").append(message.strip().replace('\n', ' '));
      }
    }
    return Untrusted.quote(out.isEmpty() ? e.getClass().getSimpleName() : out.toString());
  }
}
