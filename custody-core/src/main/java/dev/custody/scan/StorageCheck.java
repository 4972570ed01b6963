package dev.custody.scan;

import dev.custody.format.pickle.PickleEvent;
import dev.custody.format.pickle.PickleProgram;
import dev.custody.format.pickle.Value;
import dev.custody.format.zip.ZipArchive;
import dev.custody.format.zip.ZipEntry;
import dev.custody.internal.Untrusted;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks a PyTorch {@code data.pkl}'s storages against the archive (TORCH-004): each persistent id
 * {@code ('storage', type, key, location, numel)} needs a record {@code <root>/data/<key>} of numel
 * × element size bytes, and each {@code _rebuild_tensor(_v2)} view (offset, size, stride) must stay
 * inside its storage. Inconsistent metadata is what CVE-2026-24747 used to corrupt memory under
 * {@code weights_only=True}.
 */
final class StorageCheck {
  private static final Map<String, Integer> ELEMENT_SIZES = new HashMap<>();

  static {
    for (String name :
        new String[] {
          "ByteStorage",
          "CharStorage",
          "BoolStorage",
          "QUInt8Storage",
          "QInt8Storage",
          "QUInt4x2Storage",
          "QUInt2x4Storage",
          "UntypedStorage",
          "Float8_e4m3fnStorage",
          "Float8_e5m2Storage"
        }) {
      ELEMENT_SIZES.put(name, 1);
    }
    for (String name : new String[] {"ShortStorage", "HalfStorage", "BFloat16Storage"}) {
      ELEMENT_SIZES.put(name, 2);
    }
    for (String name : new String[] {"IntStorage", "FloatStorage", "QInt32Storage"}) {
      ELEMENT_SIZES.put(name, 4);
    }
    for (String name : new String[] {"LongStorage", "DoubleStorage", "ComplexFloatStorage"}) {
      ELEMENT_SIZES.put(name, 8);
    }
    ELEMENT_SIZES.put("ComplexDoubleStorage", 16);
  }

  private StorageCheck() {}

  static void check(ContainerScan scan, ZipArchive archive, String root, PickleProgram program) {
    Map<String, ZipEntry> records = new HashMap<>();
    for (ZipEntry entry : archive.entries()) {
      if (!entry.localOnly()) {
        records.putIfAbsent(entry.name(), entry);
      }
    }
    int reported = 0;
    for (PickleEvent event : program.events()) {
      if (reported >= 20) {
        return;
      }
      if (event instanceof PickleEvent.PersistentLoad load) {
        reported += storage(scan, records, root, load.id(), load.offset()) ? 1 : 0;
      } else if (event instanceof PickleEvent.Call call
          && call.callable() instanceof Value.Global g
          && g.module().equals("torch._utils")
          && (g.name().equals("_rebuild_tensor_v2") || g.name().equals("_rebuild_tensor"))) {
        reported += view(scan, call.arguments(), call.offset()) ? 1 : 0;
      }
    }
  }

  private static boolean storage(
      ContainerScan scan, Map<String, ZipEntry> records, String root, Value id, long offset) {
    List<Value> items = tuple(id);
    if (items == null || items.size() < 5 || !(items.get(1) instanceof Value.Global type)) {
      return false;
    }
    if (!(items.get(0) instanceof Value.Text tag) || !tag.text().equals("storage")) {
      return false;
    }
    if (!(items.get(2) instanceof Value.Text key)) {
      return false;
    }
    Long numel = integer(items.get(4));
    Integer size = ELEMENT_SIZES.get(type.name());
    if (numel == null || size == null) {
      return false;
    }
    String name = root + "/data/" + key.text();
    ZipEntry record = records.get(name);
    if (record == null) {
      scan.add(
          ContainerRule.STORAGE_MISMATCH,
          offset,
          Untrusted.escape(name),
          "data.pkl loads storage "
              + Untrusted.quote(key.text())
              + " but the archive has no record "
              + Untrusted.quote(name)
              + ".");
      return true;
    }
    if (numel < 0
        || Math.multiplyHigh(numel, size) != 0
        || numel * size != record.uncompressedSize()) {
      scan.add(
          ContainerRule.STORAGE_MISMATCH,
          offset,
          Untrusted.escape(name),
          "data.pkl declares "
              + numel
              + " elements of "
              + size
              + " bytes for "
              + Untrusted.quote(name)
              + ", but the record holds "
              + Long.toUnsignedString(record.uncompressedSize())
              + " bytes.");
      return true;
    }
    return false;
  }

  private static boolean view(ContainerScan scan, Value arguments, long offset) {
    List<Value> args = tuple(arguments);
    if (args == null || args.size() < 4 || !(args.get(0) instanceof Value.Persistent p)) {
      return false;
    }
    List<Value> id = tuple(p.id());
    Long numel = id != null && id.size() >= 5 ? integer(id.get(4)) : null;
    Long start = integer(args.get(1));
    List<Value> sizes = tuple(args.get(2));
    List<Value> strides = tuple(args.get(3));
    if (numel == null || start == null || sizes == null || strides == null) {
      return false;
    }
    if (sizes.size() != strides.size()) {
      return report(
          scan,
          offset,
          "a tensor has " + sizes.size() + " sizes but " + strides.size() + " strides");
    }
    long last = start;
    for (int i = 0; i < sizes.size(); i++) {
      Long n = integer(sizes.get(i));
      Long stride = integer(strides.get(i));
      if (n == null || stride == null || n < 0 || stride < 0) {
        return report(scan, offset, "a tensor has a negative or unreadable size or stride");
      }
      if (n == 0) {
        return false;
      }
      try {
        last = Math.addExact(last, Math.multiplyExact(n - 1, stride));
      } catch (ArithmeticException e) {
        return report(scan, offset, "a tensor's extent overflows 64 bits");
      }
    }
    if (start < 0 || last >= numel) {
      return report(
          scan,
          offset,
          "a tensor view reaches element " + last + " of a storage with " + numel + " elements");
    }
    return false;
  }

  private static boolean report(ContainerScan scan, long offset, String what) {
    scan.add(ContainerRule.STORAGE_MISMATCH, offset, "tensor view", "In data.pkl, " + what + ".");
    return true;
  }

  private static @Nullable List<Value> tuple(Value value) {
    return value instanceof Value.Container c ? c.items() : null;
  }

  private static @Nullable Long integer(Value value) {
    if (value instanceof Value.Scalar s) {
      try {
        return Long.parseLong(s.repr());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
