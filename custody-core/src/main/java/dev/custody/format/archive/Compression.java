package dev.custody.format.archive;

import java.nio.ByteBuffer;
import java.util.Optional;

/** The single-stream compressions custody decompresses, recognised by their magic bytes. */
public enum Compression {
  /** gzip (RFC 1952), every member of a multi-member stream. */
  GZIP("gzip"),
  /** zlib (RFC 1950), as joblib writes it. */
  ZLIB("zlib"),
  /** bzip2, every stream of a multi-stream file. */
  BZIP2("bzip2"),
  /** xz, every stream of a multi-stream file. */
  XZ("xz"),
  /** lzma-alone (the legacy {@code .lzma} format joblib can write). */
  LZMA("lzma"),
  /** Zstandard, every frame. */
  ZSTD("zstd");

  private final String label;

  Compression(String label) {
    this.label = label;
  }

  /** The lowercase name, e.g. {@code gzip}. */
  public String label() {
    return label;
  }

  /**
   * The compression whose magic bytes open {@code data} (from its position). zlib and lzma-alone
   * have weak magic and are recognised only when {@code weakMagic} is true (joblib's detection).
   */
  public static Optional<Compression> detect(ByteBuffer data, boolean weakMagic) {
    ByteBuffer b = data.duplicate();
    int n = b.remaining();
    int p = b.position();
    if (n >= 3 && u8(b, p) == 0x1f && u8(b, p + 1) == 0x8b && u8(b, p + 2) == 0x08) {
      return Optional.of(GZIP);
    }
    if (n >= 4 && u8(b, p) == 'B' && u8(b, p + 1) == 'Z' && u8(b, p + 2) == 'h') {
      int level = u8(b, p + 3);
      if (level >= '1' && level <= '9') {
        return Optional.of(BZIP2);
      }
    }
    if (n >= 6
        && u8(b, p) == 0xfd
        && u8(b, p + 1) == '7'
        && u8(b, p + 2) == 'z'
        && u8(b, p + 3) == 'X'
        && u8(b, p + 4) == 'Z'
        && u8(b, p + 5) == 0) {
      return Optional.of(XZ);
    }
    if (n >= 4
        && u8(b, p) == 0x28
        && u8(b, p + 1) == 0xb5
        && u8(b, p + 2) == 0x2f
        && u8(b, p + 3) == 0xfd) {
      return Optional.of(ZSTD);
    }
    if (weakMagic && n >= 2) {
      int cmf = u8(b, p);
      int flg = u8(b, p + 1);
      if (cmf == 0x78 && (cmf * 256 + flg) % 31 == 0) {
        return Optional.of(ZLIB);
      }
      if (n >= 13 && cmf == 0x5d && flg == 0) {
        return Optional.of(LZMA);
      }
    }
    return Optional.empty();
  }

  private static int u8(ByteBuffer b, int index) {
    return b.get(index) & 0xff;
  }
}
