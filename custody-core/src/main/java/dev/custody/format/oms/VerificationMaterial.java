package dev.custody.format.oms;

import dev.custody.model.Bytes;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a bundle offers for checking its signature: exactly one of three kinds. */
public sealed interface VerificationMaterial
    permits VerificationMaterial.PublicKeyHint,
        VerificationMaterial.CertificateChain,
        VerificationMaterial.KeylessCertificate {

  /** The kind, as people call it: "key", "certificate", "keyless". */
  String method();

  /**
   * A bare key, named only by a hint; the verifier must already hold the key.
   *
   * @param hint lowercase hex SHA-256 of the signer's public key PEM text, or {@code null} when the
   *     bundle has none (OMS v1.0 bundles carried the key itself, which a verifier must not trust)
   */
  record PublicKeyHint(@Nullable String hint) implements VerificationMaterial {
    @Override
    public String method() {
      return "key";
    }
  }

  /**
   * An X.509 chain: the signing certificate first, then intermediates; never the root.
   *
   * @param certificates DER encodings, leaf first, at least one
   */
  record CertificateChain(List<Bytes> certificates) implements VerificationMaterial {
    /** Copies the list and refuses an empty chain. */
    public CertificateChain {
      certificates = List.copyOf(certificates);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("a certificate chain needs at least the leaf");
      }
    }

    /** The signing certificate's DER encoding. */
    public Bytes leaf() {
      return certificates.get(0);
    }

    @Override
    public String method() {
      return "certificate";
    }
  }

  /**
   * A short-lived Sigstore certificate with its transparency-log proof; checked by the keyless
   * verifier from the bundle's own bytes.
   *
   * @param certificate the Fulcio certificate's DER encoding
   * @param tlogEntries how many transparency-log entries the bundle carries
   */
  record KeylessCertificate(Bytes certificate, int tlogEntries) implements VerificationMaterial {
    @Override
    public String method() {
      return "keyless";
    }
  }
}
