package dev.custody.format.hdf5;

import io.jhdf.Superblock;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * jhdf's view of the file: every read is a slice of the caller's buffer (never a copy, so a hostile
 * length cannot make jhdf allocate), counted against the {@link Hdf5Limits}. When a limit is
 * reached the read throws {@link Exhausted}, which unwinds jhdf whatever it is doing; jhdf may wrap
 * it, so the reader asks {@link #exhausted()} rather than matching the exception. One instance
 * reads one file on one thread.
 */
final class BoundedStorage implements HdfBackingStorage {
  /** Thrown inside jhdf when a limit is reached. */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted(String message) {
      super(message, null, false, false);
    }
  }

  private final ByteBuffer file;
  private final Superblock superblock;
  private final Hdf5Limits limits;
  private final long deadline;
  private int reads;
  private long bytes;
  private String exhausted = "";

  BoundedStorage(ByteBuffer file, Superblock superblock, Hdf5Limits limits, long deadline) {
    this.file = file;
    this.superblock = superblock;
    this.limits = limits;
    this.deadline = deadline;
  }

  /** Which limit was reached, or empty. */
  String exhausted() {
    return exhausted;
  }

  @Override
  public ByteBuffer readBufferFromAddress(long address, int length) {
    return map(address, length);
  }

  @Override
  public ByteBuffer map(long address, long length) {
    return mapNoOffset(address + superblock.getBaseAddressByte(), length);
  }

  @Override
  public ByteBuffer mapNoOffset(long address, long length) {
    charge(length);
    if (address < 0 || length < 0 || address > file.capacity() - length) {
      throw new IndexOutOfBoundsException(
          "HDF5 structure at offset "
              + address
              + " with "
              + length
              + " bytes lies outside the file of "
              + file.capacity()
              + " bytes");
    }
    return file.slice((int) address, (int) length).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void charge(long length) {
    reads++;
    bytes += Math.max(0, length);
    if (reads > limits.maxReads()) {
      fail("more than " + limits.maxReads() + " structure reads");
    }
    if (bytes > limits.maxBytesRead()) {
      fail("more than " + limits.maxBytesRead() + " bytes of structures");
    }
    if (System.nanoTime() - deadline > 0) {
      fail("more than " + limits.maxTime().toMillis() + " ms");
    }
  }

  private void fail(String what) {
    exhausted = what;
    throw new Exhausted(what);
  }

  @Override
  public long getUserBlockSize() {
    return superblock.getBaseAddressByte();
  }

  @Override
  public Superblock getSuperblock() {
    return superblock;
  }

  @Override
  public FileChannel getFileChannel() {
    throw new UnsupportedOperationException("the HDF5 file is read from memory, not a channel");
  }

  @Override
  public int getSizeOfOffsets() {
    return superblock.getSizeOfOffsets();
  }

  @Override
  public int getSizeOfLengths() {
    return superblock.getSizeOfLengths();
  }

  @Override
  public void close() {
    // Nothing to release: the buffer belongs to the caller.
  }

  @Override
  public long size() {
    return file.capacity();
  }

  @Override
  public boolean inMemory() {
    return true;
  }
}
