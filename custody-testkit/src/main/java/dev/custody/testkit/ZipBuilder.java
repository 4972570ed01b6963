package dev.custody.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives byte by byte, so tests can build the layouts real writers produce (PyTorch's
 * data-descriptor entries padded to 64 bytes, CPython's plain entries) and every disagreement an
 * attacker plants between the local headers and the central directory.
 *
 * <pre>{@code
 * byte[] zip = ZipBuilder.create().stored("archive/data.pkl", pickle).localName("archive/datap.kl")
 *     .done().bytes();
 * }</pre>
 */
public final class ZipBuilder {
  private final List<Member> members = new ArrayList<>();
  private byte[] prefix = new byte[0];
  private byte[] trailer = new byte[0];
  private boolean zip64;

  private ZipBuilder() {}

  /** An empty archive. */
  public static ZipBuilder create() {
    return new ZipBuilder();
  }

  /** A stored (method 0) member, CPython style: sizes and CRC in both headers. */
  public Member stored(String name, byte[] data) {
    Member m = new Member(this, name, data, 0);
    members.add(m);
    return m;
  }

  /** A deflated (method 8) member. */
  public Member deflated(String name, byte[] data) {
    Member m = new Member(this, name, data, 8);
    members.add(m);
    return m;
  }

  /** A stored member written as torch.save writes it (flags 0x0808, descriptor, 64-byte data). */
  public Member torchRecord(String name, byte[] data) {
    return stored(name, data).flags(0x0808).dataDescriptor().align64();
  }

  /** Bytes before the first local header. */
  public ZipBuilder prefix(byte[] bytes) {
    this.prefix = bytes.clone();
    return this;
  }

  /** Bytes after the end record (not counted in its comment length). */
  public ZipBuilder trailer(byte[] bytes) {
    this.trailer = bytes.clone();
    return this;
  }

  /** Writes ZIP64 end records and extra fields even though nothing needs them. */
  public ZipBuilder zip64() {
    this.zip64 = true;
    return this;
  }

  /** One member; every field can be set to lie. */
  public static final class Member {
    private final ZipBuilder owner;
    private final String name;
    private final byte[] data;
    private final int method;
    private String localName;
    private int flags;
    private int localFlags = -1;
    private long crc;
    private long localCrc = -1;
    private long cdCompressed = -1;
    private long cdUncompressed = -1;
    private long localCompressed = -1;
    private boolean descriptor;
    private boolean align64;
    private boolean hidden;
    private int madeBy = 20;
    private long externalAttributes;
    private long offsetOverride = -1;
    private byte[] stored;

    private Member(ZipBuilder owner, String name, byte[] data, int method) {
      this.owner = owner;
      this.name = name;
      this.localName = name;
      this.data = data.clone();
      this.method = method;
      CRC32 c = new CRC32();
      c.update(data);
      this.crc = c.getValue();
      if (method == 8) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (!deflater.finished()) {
          out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        this.stored = out.toByteArray();
      } else {
        this.stored = this.data;
      }
    }

    /** The name in the local header only. */
    public Member localName(String value) {
      this.localName = value;
      return this;
    }

    /** General-purpose flags in both headers. */
    public Member flags(int value) {
      this.flags = value;
      return this;
    }

    /** General-purpose flags in the local header only. */
    public Member localFlags(int value) {
      this.localFlags = value;
      return this;
    }

    /** The CRC-32 written in both headers (default: the real one). */
    public Member crc(long value) {
      this.crc = value;
      return this;
    }

    /** The CRC-32 written in the local header only. */
    public Member localCrc(long value) {
      this.localCrc = value;
      return this;
    }

    /** The sizes the central directory declares (default: the real ones). */
    public Member directorySizes(long compressed, long uncompressed) {
      this.cdCompressed = compressed;
      this.cdUncompressed = uncompressed;
      return this;
    }

    /** The compressed size the local header declares. */
    public Member localCompressedSize(long value) {
      this.localCompressed = value;
      return this;
    }

    /** Zeroes in the local header, a PK\7\8 descriptor after the data (sets flag bit 3). */
    public Member dataDescriptor() {
      this.descriptor = true;
      this.flags |= 0x0008;
      return this;
    }

    /** Pads the local extra field (id "FB") so the data starts at a multiple of 64, as torch. */
    public Member align64() {
      this.align64 = true;
      return this;
    }

    /** Leaves the member out of the central directory (only its local header exists). */
    public Member hiddenFromDirectory() {
      this.hidden = true;
      return this;
    }

    /** A Unix host entry with this mode (e.g. 0120777 for a symlink). */
    public Member unixMode(int mode) {
      this.madeBy = (3 << 8) | 20;
      this.externalAttributes = ((long) mode) << 16;
      return this;
    }

    /** Points the directory entry at this offset instead of its local header. */
    public Member directoryOffset(long value) {
      this.offsetOverride = value;
      return this;
    }

    /** Back to the archive. */
    public ZipBuilder done() {
      return owner;
    }
  }

  /** The archive. */
  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(prefix);
    long[] offsets = new long[members.size()];
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      offsets[i] = out.size();
      byte[] lname = m.localName.getBytes(StandardCharsets.UTF_8);
      int lflags = m.localFlags >= 0 ? m.localFlags : m.flags;
      int extraLength = 0;
      if (m.align64) {
        int dataStart = out.size() + 30 + lname.length + 4;
        extraLength = 4 + ((64 - dataStart % 64) % 64);
      }
      le(out, 0x04034b50, 4);
      le(out, 20, 2);
      le(out, lflags, 2);
      le(out, m.method, 2);
      le(out, 0, 4);
      boolean zeros = m.descriptor;
      le(out, zeros ? 0 : (m.localCrc >= 0 ? m.localCrc : m.crc), 4);
      le(out, zeros ? 0 : (m.localCompressed >= 0 ? m.localCompressed : m.stored.length), 4);
      le(out, zeros ? 0 : m.data.length, 4);
      le(out, lname.length, 2);
      le(out, extraLength, 2);
      out.writeBytes(lname);
      if (extraLength > 0) {
        le(out, 0x4246, 2);
        le(out, extraLength - 4, 2);
        out.writeBytes(new byte[extraLength - 4]);
      }
      out.writeBytes(m.stored);
      if (m.descriptor) {
        le(out, 0x08074b50, 4);
        le(out, m.crc, 4);
        le(out, m.stored.length, 4);
        le(out, m.data.length, 4);
      }
    }
    long cdStart = out.size();
    int count = 0;
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      if (m.hidden) {
        continue;
      }
      count++;
      byte[] name = m.name.getBytes(StandardCharsets.UTF_8);
      long csize = m.cdCompressed >= 0 ? m.cdCompressed : m.stored.length;
      long usize = m.cdUncompressed >= 0 ? m.cdUncompressed : m.data.length;
      long offset = m.offsetOverride >= 0 ? m.offsetOverride : offsets[i];
      le(out, 0x02014b50, 4);
      le(out, m.madeBy, 2);
      le(out, zip64 ? 45 : 20, 2);
      le(out, m.flags, 2);
      le(out, m.method, 2);
      le(out, 0, 4);
      le(out, m.crc, 4);
      le(out, zip64 ? 0xFFFFFFFFL : csize, 4);
      le(out, zip64 ? 0xFFFFFFFFL : usize, 4);
      le(out, name.length, 2);
      le(out, zip64 ? 28 : 0, 2);
      le(out, 0, 2);
      le(out, 0, 2);
      le(out, 0, 2);
      le(out, m.externalAttributes, 4);
      le(out, zip64 ? 0xFFFFFFFFL : offset, 4);
      out.writeBytes(name);
      if (zip64) {
        le(out, 0x0001, 2);
        le(out, 24, 2);
        le(out, usize, 8);
        le(out, csize, 8);
        le(out, offset, 8);
      }
    }
    long cdSize = out.size() - cdStart;
    if (zip64) {
      long end64 = out.size();
      le(out, 0x06064b50, 4);
      le(out, 44, 8);
      le(out, 45, 2);
      le(out, 45, 2);
      le(out, 0, 4);
      le(out, 0, 4);
      le(out, count, 8);
      le(out, count, 8);
      le(out, cdSize, 8);
      le(out, cdStart, 8);
      le(out, 0x07064b50, 4);
      le(out, 0, 4);
      le(out, end64, 8);
      le(out, 1, 4);
    }
    le(out, 0x06054b50, 4);
    le(out, 0, 2);
    le(out, 0, 2);
    le(out, zip64 ? 0xFFFF : count, 2);
    le(out, zip64 ? 0xFFFF : count, 2);
    le(out, zip64 ? 0xFFFFFFFFL : cdSize, 4);
    le(out, zip64 ? 0xFFFFFFFFL : cdStart, 4);
    le(out, 0, 2);
    out.writeBytes(trailer);
    return out.toByteArray();
  }

  private static void le(ByteArrayOutputStream out, long value, int width) {
    for (int i = 0; i < width; i++) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }
}
