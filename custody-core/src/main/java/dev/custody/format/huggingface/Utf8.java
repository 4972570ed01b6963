package dev.custody.format.huggingface;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: a malformed byte is an error, never a replacement character. */
final class Utf8 {
  private Utf8() {}

  static String decode(byte[] bytes, String what) throws MalformedMetadataException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedMetadataException(
          what + " is not UTF-8 text; save it as UTF-8 and try again", e);
    }
  }
}
