package dev.custody.sign;

import dev.custody.internal.Untrusted;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Who vouched for a model, as established by verifying its signature against a trust source. */
public sealed interface Signer
    permits Signer.KeySigner, Signer.CertificateSigner, Signer.KeylessSigner {

  /** One line for people: the key fingerprint, the certificate subject, or the identity. */
  String describe();

  /**
   * A bare EC key.
   *
   * @param curve the key's curve
   * @param keyHint the OMS key hint: lowercase hex SHA-256 of the key's PEM text
   */
  record KeySigner(Curve curve, String keyHint) implements Signer {
    @Override
    public String describe() {
      return "key " + curve.displayName() + " sha256:" + keyHint;
    }
  }

  /**
   * An X.509 certificate chaining to a trusted root.
   *
   * @param subject the leaf's subject distinguished name
   * @param subjectAltNames the leaf's subject alternative names, as text
   * @param issuer the leaf's issuer distinguished name
   * @param root the subject of the trusted root the chain ended at
   * @param fingerprint lowercase hex SHA-256 of the leaf's DER encoding
   * @param notAfter when the leaf expires (OMS validates the chain at the leaf's issue time)
   */
  record CertificateSigner(
      String subject,
      List<String> subjectAltNames,
      String issuer,
      String root,
      String fingerprint,
      Instant notAfter)
      implements Signer {
    /** Copies the names. */
    public CertificateSigner {
      subjectAltNames = List.copyOf(subjectAltNames);
    }

    @Override
    public String describe() {
      String names =
          subjectAltNames.isEmpty() ? "" : " (" + String.join(", ", subjectAltNames) + ")";
      // Names come from certificates: escaped so that no control character reaches a terminal.
      return "certificate "
          + Untrusted.escape(subject)
          + Untrusted.escape(names)
          + ", issued by "
          + Untrusted.escape(issuer);
    }
  }

  /**
   * A short-lived Sigstore (Fulcio) certificate bound to an identity and logged in Rekor.
   *
   * @param identity the certificate's identity (an email address or a workload URI)
   * @param issuer the OIDC issuer that vouched for the identity
   * @param loggedAt when the transparency log recorded the signature, if known
   */
  record KeylessSigner(String identity, String issuer, @Nullable Instant loggedAt)
      implements Signer {
    @Override
    public String describe() {
      return "identity " + Untrusted.escape(identity) + ", issuer " + Untrusted.escape(issuer);
    }
  }
}
