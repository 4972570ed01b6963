package dev.custody.format.oms;

import dev.custody.format.json.JsonValue;
import dev.custody.internal.Untrusted;
import dev.custody.model.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an OMS signature file (a Sigstore bundle) strictly: exactly the fields the reference
 * implementation's strict reader allows, no duplicate keys, standard base64, one kind of
 * verification material, a DSSE envelope. It checks form only; {@code dev.custody.sign} checks what
 * the bundle claims.
 */
public final class BundleReader {
  /**
   * The largest signature file read: a manifest of 100,000 files (the resource limit) is about 20
   * MB of base64. Reading holds the file, its text and the decoded statement at once, so this limit
   * also keeps a hostile bundle within the CLI's 192 MiB heap (measured: a 31 MiB bundle whose
   * statement holds 450,000 strings is refused normally, at 287 MiB peak RSS).
   */
  public static final int MAX_BUNDLE_BYTES = 32 << 20;

  private static final Set<String> ROOT_FIELDS =
      Set.of("mediaType", "verificationMaterial", "dsseEnvelope", "messageSignature");
  private static final Set<String> MATERIAL_FIELDS =
      Set.of(
          "publicKey",
          "x509CertificateChain",
          "certificate",
          "tlogEntries",
          "timestampVerificationData");
  private static final List<String> MATERIAL_KINDS =
      List.of("publicKey", "x509CertificateChain", "certificate");
  // OMS v1.0 wrote the key itself (rawBytes, keyDetails) beside the hint; both are read and
  // ignored, as the reference does, because a key inside the bundle proves nothing.
  private static final Set<String> PUBLIC_KEY_FIELDS = Set.of("hint", "rawBytes", "keyDetails");
  private static final Set<String> ENVELOPE_FIELDS = Set.of("payload", "payloadType", "signatures");
  private static final Set<String> SIGNATURE_FIELDS = Set.of("sig", "keyid");
  private static final Set<String> RAW_BYTES_FIELDS = Set.of("rawBytes");

  private BundleReader() {}

  /**
   * Reads a bundle.
   *
   * @param json the signature file's bytes
   * @throws MalformedBundleException naming the first field that breaks the format
   */
  public static Bundle read(byte[] json) throws MalformedBundleException {
    StrictObject root = StrictObject.parse(json, "signature bundle", MAX_BUNDLE_BYTES);
    root.allowOnly(ROOT_FIELDS);
    String mediaType = root.string("mediaType");
    if (!Bundle.MEDIA_TYPES.contains(mediaType)) {
      throw new MalformedBundleException(
          "/mediaType is "
              + Untrusted.quote(mediaType)
              + " (expected "
              + Bundle.MEDIA_TYPE
              + " or another Sigstore bundle version)");
    }
    if (root.has("messageSignature")) {
      throw new MalformedBundleException(
          "the bundle signs a single blob (/messageSignature) instead of a model statement"
              + " (expected /dsseEnvelope, as every OMS signer writes)");
    }
    VerificationMaterial material = material(root.object("verificationMaterial"));
    Envelope envelope = envelope(root.object("dsseEnvelope"));
    return new Bundle(mediaType, material, envelope);
  }

  private static VerificationMaterial material(StrictObject material)
      throws MalformedBundleException {
    material.allowOnly(MATERIAL_FIELDS);
    List<String> kinds = new ArrayList<>();
    for (String kind : MATERIAL_KINDS) {
      if (material.has(kind)) {
        kinds.add(kind);
      }
    }
    if (kinds.size() != 1) {
      throw new MalformedBundleException(
          material.pointer()
              + " has "
              + (kinds.isEmpty() ? "none" : String.join(" and ", kinds))
              + " (expected exactly one of publicKey, x509CertificateChain, certificate)");
    }
    int tlogEntries = material.optionalArray("tlogEntries").size();
    return switch (kinds.get(0)) {
      case "publicKey" -> {
        requireNoTransparency(material, tlogEntries);
        yield publicKey(material.object("publicKey"));
      }
      case "x509CertificateChain" -> {
        requireNoTransparency(material, tlogEntries);
        yield chain(material.object("x509CertificateChain"));
      }
      default -> keyless(material.object("certificate"), tlogEntries);
    };
  }

  /**
   * Key and certificate bundles carry no log entries or timestamps in OMS; custody cannot check
   * them for these methods, so it refuses them rather than appear to vouch for them.
   */
  private static void requireNoTransparency(StrictObject material, int tlogEntries)
      throws MalformedBundleException {
    if (tlogEntries > 0 || material.has("timestampVerificationData")) {
      throw new MalformedBundleException(
          material.pointer()
              + " carries transparency-log entries or timestamps beside a key or certificate"
              + " chain (expected tlogEntries: [] and no timestampVerificationData, as OMS key"
              + " and certificate signers write)");
    }
  }

  private static VerificationMaterial publicKey(StrictObject key) throws MalformedBundleException {
    key.allowOnly(PUBLIC_KEY_FIELDS);
    return new VerificationMaterial.PublicKeyHint(key.optionalString("hint"));
  }

  private static VerificationMaterial chain(StrictObject chain) throws MalformedBundleException {
    chain.allowOnly(Set.of("certificates"));
    List<JsonValue> items = chain.array("certificates");
    if (items.isEmpty()) {
      throw new MalformedBundleException(
          chain.pointer("certificates") + " is empty (expected the signing certificate first)");
    }
    List<Bytes> certificates = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      StrictObject certificate =
          StrictObject.element(items.get(i), chain.pointer("certificates"), i);
      certificate.allowOnly(RAW_BYTES_FIELDS);
      certificates.add(certificate.base64("rawBytes"));
    }
    return new VerificationMaterial.CertificateChain(certificates);
  }

  private static VerificationMaterial keyless(StrictObject certificate, int tlogEntries)
      throws MalformedBundleException {
    certificate.allowOnly(RAW_BYTES_FIELDS);
    return new VerificationMaterial.KeylessCertificate(certificate.base64("rawBytes"), tlogEntries);
  }

  private static Envelope envelope(StrictObject envelope) throws MalformedBundleException {
    envelope.allowOnly(ENVELOPE_FIELDS);
    Bytes payload = envelope.base64("payload");
    String payloadType = envelope.string("payloadType");
    List<JsonValue> items = envelope.array("signatures");
    List<EnvelopeSignature> signatures = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      StrictObject signature =
          StrictObject.element(items.get(i), envelope.pointer("signatures"), i);
      signature.allowOnly(SIGNATURE_FIELDS);
      signatures.add(
          new EnvelopeSignature(signature.optionalString("keyid"), signature.base64("sig")));
    }
    return new Envelope(payloadType, payload, signatures);
  }
}
