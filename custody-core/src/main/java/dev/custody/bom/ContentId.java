package dev.custody.bom;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * A UUID derived from bytes (SHA-256, first 16 bytes, marked as a version 8 "custom" UUID of the
 * RFC 9562 variant): the same document always gets the same serial number, and a different one a
 * different number.
 */
final class ContentId {
  private ContentId() {}

  static UUID of(byte[] content) {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256, which every Java SE JDK must", e);
    }
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x80);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer buffer = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(buffer.getLong(), buffer.getLong());
  }
}
