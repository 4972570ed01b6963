package dev.custody.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * Writes a zip archive of any size straight to a sparse file, as PyTorch's writer lays records out
 * (stored, flags 0x0808, data aligned to 64 bytes, a data descriptor after each record), with ZIP64
 * fields wherever a size or offset passes 32 bits. Records of zeros are holes: a 5 GiB storage
 * record costs no disk and no memory. Use with {@link SparseFiles#assumeSparse}.
 */
public final class SparseZip implements AutoCloseable {
  private static final long MAX32 = 0xFFFFFFFFL;
  private static final byte[] ZEROS = new byte[1 << 20];

  private final FileChannel channel;
  private final List<Entry> entries = new ArrayList<>();
  private long position;

  private record Entry(String name, long offset, long length, long declared, long crc) {}

  private SparseZip(FileChannel channel) {
    this.channel = channel;
  }

  /** Starts a new archive at {@code file}, which must not exist. */
  public static SparseZip create(Path file) {
    try {
      return new SparseZip(
          FileChannel.open(
              file,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              StandardOpenOption.SPARSE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A stored record holding {@code data}. */
  public SparseZip record(String name, byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(data);
    return add(name, data, data.length, data.length, crc.getValue());
  }

  /** A stored record of {@code length} zero bytes, left as a hole. */
  public SparseZip zeros(String name, long length) {
    return zeros(name, length, length);
  }

  /**
   * A stored record of {@code length} zero bytes whose directory entry claims {@code declared}
   * bytes: with {@code declared > length} as the last record, its data runs past the end of the
   * file as far as the directory is concerned.
   */
  public SparseZip zeros(String name, long length, long declared) {
    CRC32 crc = new CRC32();
    for (long left = length; left > 0; left -= ZEROS.length) {
      crc.update(ZEROS, 0, (int) Math.min(left, ZEROS.length));
    }
    return add(name, null, length, declared, crc.getValue());
  }

  private SparseZip add(String name, byte @Nullable [] data, long length, long declared, long crc) {
    byte[] rawName = name.getBytes(StandardCharsets.UTF_8);
    long offset = position;
    int padding = (int) ((64 - (offset + 30 + rawName.length + 4) % 64) % 64);
    ByteBuffer header = le(30 + rawName.length + 4 + padding);
    header.putInt(0x04034b50).putShort((short) 45).putShort((short) 0x0808).putShort((short) 0);
    header.putInt(0).putInt(0).putInt(0).putInt(0);
    header.putShort((short) rawName.length).putShort((short) (4 + padding)).put(rawName);
    header.putShort((short) 0x4246).putShort((short) padding);
    write(header);
    if (data != null) {
      write(data);
    } else {
      position += length;
    }
    boolean wide = length >= MAX32 || position >= MAX32;
    ByteBuffer descriptor = le(wide ? 24 : 16).putInt(0x08074b50).putInt((int) crc);
    if (wide) {
      descriptor.putLong(length).putLong(length);
    } else {
      descriptor.putInt((int) length).putInt((int) length);
    }
    write(descriptor);
    entries.add(new Entry(name, offset, length, declared, crc));
    return this;
  }

  /** Writes the central directory and end records (ZIP64 ones when needed) and closes the file. */
  @Override
  public void close() {
    try {
      long directory = position;
      boolean zip64 = directory >= MAX32;
      for (Entry e : entries) {
        zip64 |= centralEntry(e);
      }
      long directorySize = position - directory;
      if (zip64) {
        long end64 = position;
        ByteBuffer records = le(56 + 20);
        records.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45);
        records.putInt(0).putInt(0).putLong(entries.size()).putLong(entries.size());
        records.putLong(directorySize).putLong(directory);
        records.putInt(0x07064b50).putInt(0).putLong(end64).putInt(1);
        write(records);
      }
      ByteBuffer end = le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
      short count = (short) (zip64 ? 0xFFFF : entries.size());
      end.putShort(count).putShort(count);
      end.putInt((int) (zip64 ? MAX32 : directorySize)).putInt((int) (zip64 ? MAX32 : directory));
      end.putShort((short) 0);
      write(end);
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one directory entry; true when it needed ZIP64 fields. */
  private boolean centralEntry(Entry e) throws IOException {
    byte[] rawName = e.name().getBytes(StandardCharsets.UTF_8);
    boolean bigSize = e.declared() >= MAX32;
    boolean bigOffset = e.offset() >= MAX32;
    int extra = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
    ByteBuffer entry = le(46 + rawName.length + (extra > 0 ? 4 + extra : 0));
    entry.putInt(0x02014b50).putShort((short) 45).putShort((short) 45);
    entry.putShort((short) 0x0808).putShort((short) 0).putInt(0).putInt((int) e.crc());
    int size32 = (int) (bigSize ? MAX32 : e.declared());
    entry.putInt(size32).putInt(size32);
    entry.putShort((short) rawName.length).putShort((short) (extra > 0 ? 4 + extra : 0));
    entry.putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0);
    entry.putInt((int) (bigOffset ? MAX32 : e.offset())).put(rawName);
    if (extra > 0) {
      entry.putShort((short) 1).putShort((short) extra);
      if (bigSize) {
        entry.putLong(e.declared()).putLong(e.declared());
      }
      if (bigOffset) {
        entry.putLong(e.offset());
      }
    }
    write(entry);
    return extra > 0;
  }

  /** Writes the whole buffer, whatever its position: unwritten bytes are zero padding. */
  private void write(ByteBuffer filled) {
    filled.rewind();
    try {
      while (filled.hasRemaining()) {
        position += channel.write(filled, position);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(byte[] bytes) {
    try {
      SparseFiles.writeFully(channel, position, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    position += bytes.length;
  }

  private static ByteBuffer le(int length) {
    return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
  }
}
