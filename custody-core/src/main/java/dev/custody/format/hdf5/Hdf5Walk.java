package dev.custody.format.hdf5;

import dev.custody.internal.Untrusted;
import io.jhdf.FractalHeap;
import io.jhdf.GroupSymbolTableNode;
import io.jhdf.LocalHeap;
import io.jhdf.ObjectHeader;
import io.jhdf.Superblock;
import io.jhdf.SymbolTableEntry;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.btree.BTreeV1;
import io.jhdf.btree.BTreeV2;
import io.jhdf.btree.record.LinkNameForIndexedGroupRecord;
import io.jhdf.dataset.DatasetLoader;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.LinkInfoMessage;
import io.jhdf.object.message.LinkMessage;
import io.jhdf.object.message.SymbolTableMessage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Walks an HDF5 file from the root through hard links, breadth first and without recursion, each
 * object header once (a crafted file can link a group into itself). Groups are read in both
 * layouts: old-style symbol tables (a version 1 B-tree of symbol table nodes, names in a local
 * heap) and new-style links (compact link messages, or dense ones in a fractal heap indexed by a
 * version 2 B-tree). Every structure is read through the same {@link BoundedStorage}.
 */
final class Hdf5Walk {
  private static final String PSEUDO_ATOM = "PSEUDOATOM";

  private final BoundedStorage storage;
  private final Superblock superblock;
  private final Hdf5Limits limits;
  private final Set<Long> seen = new HashSet<>();
  private final List<Hdf5Object> objects = new ArrayList<>();
  private final List<String> links = new ArrayList<>();
  private int rowsRead;

  private record Pending(long address, String path, int depth) {}

  Hdf5Walk(BoundedStorage storage, Superblock superblock, Hdf5Limits limits) {
    this.storage = storage;
    this.superblock = superblock;
    this.limits = limits;
  }

  Hdf5Tree walk(long root) throws MalformedHdf5Exception {
    Deque<Pending> queue = new ArrayDeque<>();
    queue.add(new Pending(root, "/", 0));
    seen.add(root);
    while (!queue.isEmpty()) {
      Pending next = queue.poll();
      ObjectHeader header = Hdf5Reader.objectHeader(storage, next.address());
      List<Hdf5Attribute> attributes = Hdf5Reader.attributes(storage, header, limits);
      add(new Hdf5Object(next.path(), attributes, rows(header, next.path(), attributes)));
      for (Child child : children(header)) {
        if (next.depth() + 1 > limits.maxDepth()) {
          throw limit("groups nest more than " + limits.maxDepth() + " deep");
        }
        if (seen.add(child.address())) {
          String path = (next.path().equals("/") ? "/" : next.path() + "/") + child.name();
          queue.add(new Pending(child.address(), path, next.depth() + 1));
        }
      }
    }
    return new Hdf5Tree(objects, links);
  }

  private void add(Hdf5Object object) throws MalformedHdf5Exception {
    if (objects.size() + rowsRead >= limits.maxObjects()) {
      throw limit("the file has more than " + limits.maxObjects() + " objects and rows");
    }
    objects.add(object);
  }

  private record Child(String name, long address) {}

  /** The hard-linked children of a group; soft and external links are noted, not followed. */
  private List<Child> children(ObjectHeader header) throws MalformedHdf5Exception {
    List<Child> children = new ArrayList<>();
    for (SymbolTableMessage table : header.getMessagesOfType(SymbolTableMessage.class)) {
      symbolTable(table, children);
    }
    for (LinkMessage link : header.getMessagesOfType(LinkMessage.class)) {
      link(link, children);
    }
    for (LinkInfoMessage info : header.getMessagesOfType(LinkInfoMessage.class)) {
      if (info.getFractalHeapAddress() == io.jhdf.Constants.UNDEFINED_ADDRESS) {
        continue;
      }
      FractalHeap heap = new FractalHeap(storage, info.getFractalHeapAddress());
      BTreeV2<LinkNameForIndexedGroupRecord> names =
          new BTreeV2<>(storage, info.getBTreeNameIndexAddress());
      for (LinkNameForIndexedGroupRecord record : names.getRecords()) {
        checkCount(children.size());
        link(LinkMessage.fromBuffer(heap.getId(record.getId()), superblock), children);
      }
    }
    return children;
  }

  private void symbolTable(SymbolTableMessage table, List<Child> children)
      throws MalformedHdf5Exception {
    ByteBuffer names = new LocalHeap(storage, table.getLocalHeapAddress()).getDataBuffer();
    List<Long> nodes =
        BTreeV1.createGroupBTree(storage, table.getBTreeAddress()).getChildAddresses();
    for (long node : nodes) {
      for (SymbolTableEntry entry :
          new GroupSymbolTableNode(storage, node).getSymbolTableEntries()) {
        checkCount(children.size());
        children.add(
            new Child(name(names, entry.getLinkNameOffset()), entry.getObjectHeaderAddress()));
      }
    }
  }

  private void link(LinkMessage link, List<Child> children) {
    switch (link.getLinkType()) {
      case HARD -> children.add(new Child(link.getLinkName(), link.getHardLinkAddress()));
      case SOFT -> links.add(link.getLinkName() + " -> " + link.getSoftLink());
      case EXTERNAL ->
          links.add(
              link.getLinkName() + " -> " + link.getExternalFile() + ":" + link.getExternalPath());
    }
  }

  private void checkCount(int children) throws MalformedHdf5Exception {
    if (children >= limits.maxObjects()) {
      throw limit("a group has more than " + limits.maxObjects() + " members");
    }
  }

  /** A NUL-terminated name in a local heap, read within the heap. */
  private static String name(ByteBuffer heap, int offset) throws MalformedHdf5Exception {
    if (offset < 0 || offset >= heap.limit()) {
      throw new MalformedHdf5Exception(
          MalformedHdf5Exception.Reason.MALFORMED,
          "a group member's name is at offset " + offset + ", outside its name heap");
    }
    int end = offset;
    while (end < heap.limit() && heap.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - offset];
    heap.duplicate().position(offset).get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * The rows of a PyTables object array: a dataset whose {@code PSEUDOATOM} attribute says {@code
   * object} holds one pickle per row, unpickled when read. Other datasets are not read.
   */
  private Hdf5Object.Rows rows(ObjectHeader header, String path, List<Hdf5Attribute> attributes) {
    boolean objectArray =
        attributes.stream()
            .anyMatch(a ->
                a.name().equals(PSEUDO_ATOM)
                    && a instanceof Hdf5Attribute.Text text
                    && text.joined().equals("object"));
    if (!objectArray || !header.hasMessageOfType(DataLayoutMessage.class)) {
      return new Hdf5Object.Rows.None();
    }
    try {
      Dataset dataset = DatasetLoader.createDataset(storage, header, path, parentNamed(path));
      // The row count comes from the dataspace, before jhdf allocates anything for the rows.
      long budget = (long) limits.maxObjects() - objects.size() - rowsRead;
      if (dataset.getSize() > budget) {
        throw limit(
            "the object array "
                + Untrusted.quote(path)
                + " claims "
                + dataset.getSize()
                + " rows, more than the "
                + budget
                + " objects and rows left of the limit");
      }
      return new Hdf5Object.Rows.Read(rowBytes(dataset.getData()));
    } catch (BoundedStorage.Exhausted e) {
      throw e;
    } catch (RuntimeException | MalformedHdf5Exception e) {
      return new Hdf5Object.Rows.Unreadable(
          Untrusted.escape(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  /**
   * jhdf wants the dataset's parent group only to build its path for messages; this walk has no
   * jhdf group objects (it reads groups itself, within the limits), so a stand-in answers that and
   * refuses anything else.
   */
  private static Group parentNamed(String path) {
    String parent = path.lastIndexOf('/') <= 0 ? "/" : path.substring(0, path.lastIndexOf('/'));
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "getPath", "getName", "toString" -> parent;
              case "hashCode" -> System.identityHashCode(proxy);
              // Identity, as for any group object jhdf makes.
              case "equals" -> args != null && args.length == 1 && isSame(proxy, args[0]);
              default ->
                  throw new UnsupportedOperationException(
                      "the walk does not give jhdf " + method.getName() + " of a group");
            };
    return (Group)
        Proxy.newProxyInstance(Group.class.getClassLoader(), new Class<?>[] {Group.class}, handler);
  }

  @SuppressWarnings("ReferenceEquality") // a stand-in is equal only to itself
  private static boolean isSame(Object a, @Nullable Object b) {
    return a == b;
  }

  /** jhdf gives a variable-length byte array as one array of bytes (or of numbers) per row. */
  private List<ByteBuffer> rowBytes(Object data) throws MalformedHdf5Exception {
    if (!(data instanceof Object[] rows)) {
      throw new MalformedHdf5Exception(
          MalformedHdf5Exception.Reason.MALFORMED,
          "the object array's data is " + data.getClass().getSimpleName() + ", not rows");
    }
    List<ByteBuffer> out = new ArrayList<>(rows.length);
    for (Object row : rows) {
      if (++rowsRead + objects.size() > limits.maxObjects()) {
        throw limit("the file has more than " + limits.maxObjects() + " objects and rows");
      }
      out.add(ByteBuffer.wrap(bytes(row)).asReadOnlyBuffer());
    }
    return out;
  }

  private static byte[] bytes(Object row) throws MalformedHdf5Exception {
    return switch (row) {
      case byte[] b -> b;
      case int[] unsigned -> {
        // jhdf widens unsigned 8-bit integers to int.
        byte[] copy = new byte[unsigned.length];
        for (int i = 0; i < unsigned.length; i++) {
          if (unsigned[i] < 0 || unsigned[i] > 0xff) {
            throw new MalformedHdf5Exception(
                MalformedHdf5Exception.Reason.MALFORMED,
                "an object array row holds " + unsigned[i] + ", not a byte");
          }
          copy[i] = (byte) unsigned[i];
        }
        yield copy;
      }
      case ByteBuffer b -> {
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        yield copy;
      }
      default ->
          throw new MalformedHdf5Exception(
              MalformedHdf5Exception.Reason.MALFORMED,
              "an object array row is " + row.getClass().getSimpleName() + ", not bytes");
    };
  }

  private static MalformedHdf5Exception limit(String what) {
    return new MalformedHdf5Exception(MalformedHdf5Exception.Reason.LIMIT_EXCEEDED, what);
  }
}
