package dev.custody.format.oms;

import dev.custody.model.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A DSSE envelope: a typed payload and the signatures over its pre-authentication encoding.
 *
 * @param payloadType the payload's media type; OMS uses {@link #IN_TOTO_PAYLOAD_TYPE}
 * @param payload the signed statement's bytes, exactly as signed
 * @param signatures the signatures; OMS writes and reads exactly one
 */
public record Envelope(String payloadType, Bytes payload, List<EnvelopeSignature> signatures) {
  /** The payload type of an in-toto statement. */
  public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  /** Copies the signatures. */
  public Envelope {
    signatures = List.copyOf(signatures);
  }

  /**
   * The bytes DSSE v1 signs: {@code "DSSEv1" SP len(type) SP type SP len(payload) SP payload},
   * lengths in ASCII decimal bytes. Signing the type and the length stops a payload being
   * reinterpreted as another type.
   */
  public byte[] pae() {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] body = payload.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + type.length + 32);
    out.writeBytes(ascii("DSSEv1 " + type.length + " "));
    out.writeBytes(type);
    out.writeBytes(ascii(" " + body.length + " "));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /**
   * The bytes OMS v0.2 signed by mistake: the UTF-8 text {@code "DSSEV1 <len> <type> <len>
   * <repr>"}, where {@code <repr>} is Python's {@code repr()} of the payload bytes. Only a v0.2
   * statement may be verified over these bytes.
   */
  public byte[] legacyPae() {
    byte[] body = payload.toByteArray();
    String text =
        "DSSEV1 "
            + payloadType.getBytes(StandardCharsets.UTF_8).length
            + " "
            + payloadType
            + " "
            + body.length
            + " "
            + PythonBytesRepr.of(body);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
