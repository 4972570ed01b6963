package dev.custody.format.oms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.custody.model.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Writes a bundle the way the reference signer does, so that its strict reader accepts it: media
 * type v0.3, the key hint or certificate chain, {@code "tlogEntries": []}, and one envelope
 * signature with {@code "keyid": ""}. Keyless bundles are made by a Sigstore client, never here.
 */
public final class BundleWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private BundleWriter() {}

  /**
   * The bundle's JSON text (UTF-8, indented, ending in a newline).
   *
   * @throws IllegalArgumentException for keyless material or an envelope without exactly one
   *     signature, neither of which OMS key or certificate signing produces
   */
  public static byte[] write(Bundle bundle) {
    if (bundle.envelope().signatures().size() != 1) {
      throw new IllegalArgumentException(
          "an OMS bundle has exactly one signature (got "
              + bundle.envelope().signatures().size()
              + ")");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator json = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
      json.writeStartObject();
      json.writeStringField("mediaType", bundle.mediaType());
      writeMaterial(json, bundle.material());
      writeEnvelope(json, bundle.envelope());
      json.writeEndObject();
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void writeMaterial(JsonGenerator json, VerificationMaterial material)
      throws IOException {
    json.writeObjectFieldStart("verificationMaterial");
    switch (material) {
      case VerificationMaterial.PublicKeyHint key -> {
        json.writeObjectFieldStart("publicKey");
        if (key.hint() != null) {
          json.writeStringField("hint", key.hint());
        }
        json.writeEndObject();
      }
      case VerificationMaterial.CertificateChain chain -> {
        json.writeObjectFieldStart("x509CertificateChain");
        json.writeArrayFieldStart("certificates");
        for (Bytes certificate : chain.certificates()) {
          json.writeStartObject();
          json.writeStringField("rawBytes", base64(certificate));
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      case VerificationMaterial.KeylessCertificate keyless ->
          throw new IllegalArgumentException(
              "custody writes key and certificate bundles only; keyless bundles come from a"
                  + " Sigstore client");
    }
    json.writeArrayFieldStart("tlogEntries");
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeEnvelope(JsonGenerator json, Envelope envelope) throws IOException {
    json.writeObjectFieldStart("dsseEnvelope");
    json.writeStringField("payload", base64(envelope.payload()));
    json.writeStringField("payloadType", envelope.payloadType());
    json.writeArrayFieldStart("signatures");
    EnvelopeSignature signature = envelope.signatures().get(0);
    json.writeStartObject();
    json.writeStringField("sig", base64(signature.signature()));
    json.writeStringField("keyid", signature.keyId() == null ? "" : signature.keyId());
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
  }

  private static String base64(Bytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
