package dev.custody.digest;

import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.codec.digest.Blake3;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/** One running hash over a resource's bytes. Not thread-safe: one per hashing task. */
sealed interface ContentHash {
  /** Bytes copied at a time for hashes that only take arrays: small enough to stay in L1. */
  int SCRATCH_BYTES = 16 * 1024;

  /** Feeds the remaining bytes of {@code data}, leaving it with none remaining. */
  void update(ByteBuffer data);

  /** Finishes the hash; the instance is then spent. */
  Digest finish();

  /** Where {@link #copyThrough} delivers bytes: an array-only hash's update method. */
  interface ArraySink {
    void update(byte[] bytes, int offset, int length);
  }

  /** Feeds a (direct) buffer to a hash that only takes arrays, a cache-sized piece at a time. */
  private static void copyThrough(ByteBuffer data, byte[] scratch, ArraySink sink) {
    while (data.hasRemaining()) {
      int n = Math.min(scratch.length, data.remaining());
      data.get(scratch, 0, n);
      sink.update(scratch, 0, n);
    }
  }

  /** A fresh hash for {@code algorithm}. */
  static ContentHash start(HashAlgorithm algorithm) {
    return switch (algorithm) {
      case SHA256 -> new Sha256();
      case BLAKE2B -> new Blake2b();
      case BLAKE3 -> new Blake3Hash();
    };
  }

  /** The JDK's SHA-256, which runs on the CPU's SHA instructions where it has them. */
  final class Sha256 implements ContentHash {
    private final MessageDigest digest;

    Sha256() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JDK has no SHA-256, which every Java SE JDK must", e);
      }
    }

    @Override
    public void update(ByteBuffer data) {
      digest.update(data);
    }

    @Override
    public Digest finish() {
      return Digest.of(HashAlgorithm.SHA256, digest.digest());
    }
  }

  /** BLAKE2b-512, as Python's {@code hashlib.blake2b()} (the JDK has no BLAKE2). */
  final class Blake2b implements ContentHash {
    private final Blake2bDigest digest = new Blake2bDigest(512);
    private final byte[] scratch = new byte[SCRATCH_BYTES];

    @Override
    public void update(ByteBuffer data) {
      copyThrough(data, scratch, digest::update);
    }

    @Override
    public Digest finish() {
      byte[] out = new byte[digest.getDigestSize()];
      digest.doFinal(out, 0);
      return Digest.of(HashAlgorithm.BLAKE2B, out);
    }
  }

  /** BLAKE3 with a 32-byte output (pure Java: slower than SHA-256 here, see docs/benchmarks.md). */
  final class Blake3Hash implements ContentHash {
    private final Blake3 digest = Blake3.initHash();
    private final byte[] scratch = new byte[SCRATCH_BYTES];

    @Override
    public void update(ByteBuffer data) {
      copyThrough(data, scratch, digest::update);
    }

    @Override
    public Digest finish() {
      return Digest.of(HashAlgorithm.BLAKE3, digest.doFinalize(HashAlgorithm.BLAKE3.digestBytes()));
    }
  }
}
