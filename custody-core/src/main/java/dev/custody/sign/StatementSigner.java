package dev.custody.sign;

import dev.custody.format.oms.Bundle;
import dev.custody.format.oms.Envelope;
import dev.custody.format.oms.EnvelopeSignature;
import dev.custody.format.oms.VerificationMaterial;
import dev.custody.internal.Untrusted;
import dev.custody.model.Bytes;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Signs in-toto statements of any predicate type into a DSSE envelope in a Sigstore bundle v0.3,
 * with an EC key, optionally bound to an X.509 certificate chain. Model signatures ({@link
 * ModelSigner}) and provenance attestations are both made here, so they are checked the same way.
 */
public final class StatementSigner {
  private final SigningKey key;
  private final List<X509Certificate> chain;

  private StatementSigner(SigningKey key, List<X509Certificate> chain) {
    this.key = key;
    this.chain = List.copyOf(chain);
  }

  /** A signer whose bundles name the key by its hint (the OMS "key" method). */
  public static StatementSigner withKey(SigningKey key) {
    return new StatementSigner(key, List.of());
  }

  /**
   * A signer whose bundles carry {@code chain}: the signing certificate first, then intermediates
   * (the root stays with the verifier).
   *
   * @throws SigningException if the chain is empty, the leaf certifies another key, or the leaf may
   *     not sign code (its key usage or extended key usage forbid it)
   */
  public static StatementSigner withCertificates(SigningKey key, List<X509Certificate> chain)
      throws SigningException {
    if (chain.isEmpty()) {
      throw new SigningException("no signing certificate given (expected the leaf first)");
    }
    X509Certificate leaf = chain.get(0);
    if (!Arrays.equals(leaf.getPublicKey().getEncoded(), key.publicKey().getEncoded())) {
      throw new SigningException(
          "the signing certificate "
              + Untrusted.quote(leaf.getSubjectX500Principal().getName())
              + " certifies another key than the private key given; pass the certificate issued"
              + " for this key (or the key it was issued for)");
    }
    String unusable = CertificateChains.signingUsageProblem(leaf);
    if (unusable != null) {
      throw new SigningException("the signing certificate " + unusable);
    }
    return new StatementSigner(key, chain);
  }

  /**
   * Signs {@code statement} (an in-toto statement's JSON bytes) over the DSSE pre-authentication
   * encoding.
   */
  public Bundle sign(byte[] statement) {
    Envelope unsigned =
        new Envelope(Envelope.IN_TOTO_PAYLOAD_TYPE, Bytes.copyOf(statement), List.of());
    byte[] signature = Ecdsa.sign(key, unsigned.pae());
    Envelope envelope =
        new Envelope(
            unsigned.payloadType(),
            unsigned.payload(),
            List.of(new EnvelopeSignature("", Bytes.copyOf(signature))));
    return new Bundle(Bundle.MEDIA_TYPE, material(), envelope);
  }

  /** The signing key's curve. */
  public Curve curve() {
    return key.curve();
  }

  /** The signing key's OMS hint (SHA-256 of its public key PEM). */
  public String keyHint() {
    return PublicKeys.hint(key.publicKey());
  }

  /** Whether bundles carry a certificate chain (else they name the key by its hint). */
  public boolean usesCertificates() {
    return !chain.isEmpty();
  }

  private VerificationMaterial material() {
    if (chain.isEmpty()) {
      return new VerificationMaterial.PublicKeyHint(keyHint());
    }
    List<Bytes> encoded = new ArrayList<>(chain.size());
    for (X509Certificate certificate : chain) {
      try {
        encoded.add(Bytes.copyOf(certificate.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("a parsed certificate always has an encoding", e);
      }
    }
    return new VerificationMaterial.CertificateChain(encoded);
  }
}
