package dev.custody.format.hdf5;

import dev.custody.internal.Untrusted;
import io.jhdf.FractalHeap;
import io.jhdf.ObjectHeader;
import io.jhdf.Superblock;
import io.jhdf.SymbolTableEntry;
import io.jhdf.btree.BTreeV2;
import io.jhdf.btree.record.AttributeNameForIndexedAttributesRecord;
import io.jhdf.dataset.DatasetReader;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.AttributeMessage;
import io.jhdf.object.message.DataSpace;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads an HDF5 file's attributes, total and bounded: the root group's alone (what Keras reads), or
 * every object's with the rows of PyTables object arrays ({@link #objects}). jhdf parses the
 * structures, reading through a {@link BoundedStorage}; this package decides what to read (object
 * headers, attribute messages, dense attribute heaps and name indexes, group symbol tables and
 * links) and turns every failure jhdf can have on hostile bytes into a {@link
 * MalformedHdf5Exception}. Thread-safe: each call has its own storage.
 */
public final class Hdf5Reader {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private Hdf5Reader() {}

  /**
   * Reads the root attributes of the HDF5 file in {@code data} (position to limit; the buffer is
   * untouched).
   *
   * @throws MalformedHdf5Exception when the file is not HDF5 jhdf can read, or a limit is reached
   */
  public static Hdf5Attributes rootAttributes(ByteBuffer data, Hdf5Limits limits)
      throws MalformedHdf5Exception {
    return open(
        data,
        limits,
        (storage, superblock, offset) ->
            new Hdf5Attributes(
                superblock.getVersionOfSuperblock(),
                offset,
                attributes(
                    storage, objectHeader(storage, rootAddress(storage, superblock)), limits)));
  }

  /**
   * Reads every group and dataset reached from the root through hard links, each once, with its
   * attributes and, for a PyTables object array, its rows (the first object is the root group).
   *
   * @throws MalformedHdf5Exception when the file is not HDF5 jhdf can read, or a limit is reached
   */
  public static Hdf5Tree objects(ByteBuffer data, Hdf5Limits limits) throws MalformedHdf5Exception {
    return open(
        data,
        limits,
        (storage, superblock, offset) ->
            new Hdf5Walk(storage, superblock, limits).walk(rootAddress(storage, superblock)));
  }

  /** What to read once the superblock is found and the bounded storage is set up. */
  @FunctionalInterface
  interface Reading<T> {
    T read(BoundedStorage storage, Superblock superblock, long offset)
        throws MalformedHdf5Exception;
  }

  private static <T> T open(ByteBuffer data, Hdf5Limits limits, Reading<T> reading)
      throws MalformedHdf5Exception {
    ByteBuffer file = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    long offset = signatureOffset(file);
    if (offset < 0) {
      throw new MalformedHdf5Exception(
          MalformedHdf5Exception.Reason.MALFORMED,
          "there is no HDF5 signature at offset 0, 512, 1024 or any later power of two");
    }
    long deadline = System.nanoTime() + limits.maxTime().toNanos();
    BoundedStorage storage = null;
    try {
      Superblock superblock =
          Superblock.readSuperblock(
              file.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) offset));
      if (superblock.getBaseAddressByte() != offset) {
        throw new MalformedHdf5Exception(
            MalformedHdf5Exception.Reason.MALFORMED,
            "the superblock at offset "
                + offset
                + " gives base address "
                + superblock.getBaseAddressByte()
                + "; a valid file's base address is where its superblock is");
      }
      storage = new BoundedStorage(file, superblock, limits, deadline);
      T read = reading.read(storage, superblock, offset);
      if (!storage.exhausted().isEmpty()) {
        // A limit reached while decoding a value that jhdf then reported as its own failure.
        throw new BoundedStorage.Exhausted(storage.exhausted());
      }
      return read;
    } catch (RuntimeException e) {
      throw failure(storage, e);
    } catch (StackOverflowError e) {
      // A B-tree or heap whose pointers recurse: jhdf follows them recursively. The stack
      // unwinds to here and nothing jhdf built is reachable afterwards.
      throw new MalformedHdf5Exception(
          MalformedHdf5Exception.Reason.LIMIT_EXCEEDED,
          "its structures nest too deeply to read (a crafted file's pointers recurse)");
    } catch (OutOfMemoryError e) {
      // A single allocation sized by a hostile count: it failed as a whole, nothing was kept.
      throw new MalformedHdf5Exception(
          MalformedHdf5Exception.Reason.LIMIT_EXCEEDED,
          "a structure claims more elements than memory allows (a crafted count)");
    }
  }

  private static MalformedHdf5Exception failure(
      @Nullable BoundedStorage storage, RuntimeException e) {
    if (storage != null && !storage.exhausted().isEmpty()) {
      return new MalformedHdf5Exception(
          MalformedHdf5Exception.Reason.LIMIT_EXCEEDED,
          "reading it took " + storage.exhausted(),
          e);
    }
    return new MalformedHdf5Exception(
        MalformedHdf5Exception.Reason.MALFORMED,
        "its structures do not parse (" + describe(e) + ")",
        e);
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    for (int i = 0; i < 8 && root.getCause() != null; i++) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return Untrusted.escape(
        root.getClass().getSimpleName() + (message == null ? "" : ": " + message));
  }

  /** The first of 0, 512, 1024, 2048 ... that holds the signature, or -1. */
  static long signatureOffset(ByteBuffer file) {
    for (long at = 0; at + SIGNATURE.length <= file.capacity(); at = at == 0 ? 512 : at * 2) {
      if (matches(file, (int) at)) {
        return at;
      }
    }
    return -1;
  }

  private static boolean matches(ByteBuffer file, int at) {
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (file.get(at + i) != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  static long rootAddress(BoundedStorage storage, Superblock superblock)
      throws MalformedHdf5Exception {
    return switch (superblock) {
      case Superblock.SuperblockV0V1 v0 ->
          new SymbolTableEntry(
                  storage, v0.getRootGroupSymbolTableAddress() - v0.getBaseAddressByte())
              .getObjectHeaderAddress();
      case Superblock.SuperblockV2V3 v2 -> v2.getRootGroupObjectHeaderAddress();
      default ->
          throw new MalformedHdf5Exception(
              MalformedHdf5Exception.Reason.MALFORMED,
              "superblock version " + superblock.getVersionOfSuperblock() + " is not HDF5");
    };
  }

  static ObjectHeader objectHeader(BoundedStorage storage, long address) {
    return ObjectHeader.readObjectHeader(storage, address);
  }

  /** The attributes of one object: dense ones, then compact ones. */
  static List<Hdf5Attribute> attributes(
      BoundedStorage storage, ObjectHeader header, Hdf5Limits limits)
      throws MalformedHdf5Exception {
    List<AttributeMessage> messages = new ArrayList<>();
    for (AttributeInfoMessage info : header.getMessagesOfType(AttributeInfoMessage.class)) {
      dense(storage, info, messages, limits);
    }
    messages.addAll(header.getMessagesOfType(AttributeMessage.class));
    if (messages.size() > limits.maxAttributes()) {
      throw new MalformedHdf5Exception(
          MalformedHdf5Exception.Reason.LIMIT_EXCEEDED,
          "an object has "
              + messages.size()
              + " attributes, more than the limit of "
              + limits.maxAttributes());
    }
    List<Hdf5Attribute> attributes = new ArrayList<>();
    for (AttributeMessage message : messages) {
      attributes.add(decode(storage, message, limits));
    }
    return attributes;
  }

  /** Attributes kept in a fractal heap, indexed by name in a version 2 B-tree. */
  private static void dense(
      BoundedStorage storage,
      AttributeInfoMessage info,
      List<AttributeMessage> into,
      Hdf5Limits limits)
      throws MalformedHdf5Exception {
    if (info.getFractalHeapAddress() == io.jhdf.Constants.UNDEFINED_ADDRESS) {
      return;
    }
    FractalHeap heap = new FractalHeap(storage, info.getFractalHeapAddress());
    BTreeV2<AttributeNameForIndexedAttributesRecord> names =
        new BTreeV2<>(storage, info.getAttributeNameBTreeAddress());
    for (AttributeNameForIndexedAttributesRecord record : names.getRecords()) {
      if (into.size() >= limits.maxAttributes()) {
        throw new MalformedHdf5Exception(
            MalformedHdf5Exception.Reason.LIMIT_EXCEEDED,
            "an object has more than " + limits.maxAttributes() + " attributes");
      }
      ByteBuffer bytes = heap.getId(record.getHeapId());
      into.add(new AttributeMessage(bytes, storage, record.getFlags()));
    }
  }

  private static Hdf5Attribute decode(
      BoundedStorage storage, AttributeMessage message, Hdf5Limits limits) {
    String name = message.getName();
    DataType type = message.getDataType();
    boolean text =
        type instanceof StringData
            || (type instanceof VariableLength v && v.isVariableLengthString());
    if (!text) {
      return new Hdf5Attribute.Other(name, type.getClass().getSimpleName());
    }
    ByteBuffer data = message.getDataBuffer();
    DataSpace space = message.getDataSpace();
    if (data == null || space.getTotalLength() == 0) {
      return new Hdf5Attribute.Text(name, List.of());
    }
    int[] dimensions = space.getDimensions();
    long count = space.getTotalLength();
    if (dimensions.length > 1 || count < 0 || count > limits.maxTextElements()) {
      return new Hdf5Attribute.Other(
          name, "text with dimensions " + java.util.Arrays.toString(dimensions));
    }
    // Taken before jhdf reads the value, which moves the buffer's position.
    Optional<ByteBuffer> raw = scalarBytes(type, data.duplicate());
    try {
      Object value = DatasetReader.readDataset(type, data, dimensions, storage);
      return switch (value) {
        case String s -> new Hdf5Attribute.Text(name, List.of(s), raw);
        case String[] array -> new Hdf5Attribute.Text(name, List.of(array));
        default -> new Hdf5Attribute.Other(name, value.getClass().getSimpleName());
      };
    } catch (BoundedStorage.Exhausted e) {
      throw e;
    } catch (RuntimeException e) {
      return new Hdf5Attribute.Unreadable(name, describe(e));
    }
  }

  /** The stored bytes of a fixed-length scalar string, without the NULs that pad it. */
  private static Optional<ByteBuffer> scalarBytes(DataType type, ByteBuffer data) {
    if (!(type instanceof StringData) || type.getSize() < 1 || type.getSize() > data.remaining()) {
      return Optional.empty();
    }
    ByteBuffer value = data.duplicate();
    int end = value.position() + type.getSize();
    while (end > value.position() && value.get(end - 1) == 0) {
      end--;
    }
    return Optional.of(value.limit(end).slice().asReadOnlyBuffer());
  }
}
