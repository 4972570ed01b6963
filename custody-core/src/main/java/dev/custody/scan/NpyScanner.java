package dev.custody.scan;

import dev.custody.format.numpy.MalformedArrayException;
import dev.custody.format.numpy.NpyHeader;
import dev.custody.format.numpy.NpyReader;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;

/**
 * Scans a numpy {@code .npy} array: the header is read without evaluating it; an object dtype means
 * the data is a pickle that {@code np.load(allow_pickle=True)} runs, so that pickle (up to its
 * STOP, as {@code pickle.load} reads it) is scanned with {@link PickleScanner}. Plain numeric data
 * is never read. Thread-safe.
 */
public final class NpyScanner {
  private static final NpyScanner STANDARD = new NpyScanner();

  private final PickleScanner pickles = PickleScanner.standard();

  private NpyScanner() {}

  /** The scanner. */
  public static NpyScanner standard() {
    return STANDARD;
  }

  /** True when the bytes start with the {@code .npy} magic. */
  public static boolean matches(ByteBuffer data) {
    return NpyReader.startsLikeNpy(data);
  }

  /** Scans the array in {@code data} (position to limit). */
  public ScanResult scan(ByteBuffer data) {
    ContainerScan scan = new ContainerScan();
    NpyHeader header;
    try {
      header = NpyReader.read(data);
    } catch (MalformedArrayException e) {
      scan.add(ContainerRule.NUMPY_HEADER, e.offset(), "npy header", e.getMessage() + ".");
      scan.incomplete();
      return scan.result();
    }
    if (header.hasObjects()) {
      scan.add(
          ContainerRule.NUMPY_OBJECTS,
          header.dataOffset(),
          Untrusted.escape(header.descr()),
          "The dtype " + Untrusted.quote(header.descr()) + " holds Python objects.");
      ByteBuffer payload = data.slice().position((int) header.dataOffset()).slice();
      scan.add(pickles.scan(ContainerScan.firstPickle(payload)).inside("object array pickle"));
    }
    return scan.result();
  }
}
