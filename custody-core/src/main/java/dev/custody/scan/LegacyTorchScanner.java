package dev.custody.scan;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Scans a legacy (non-zip) PyTorch checkpoint, {@code torch.save(...,
 * _use_new_zipfile_serialization=False)}: five pickles one after another (magic number, protocol
 * version, system info, the object, the storage keys), then raw storage bytes. Each pickle is
 * scanned with {@link PickleScanner}, up to its STOP, as {@code torch.load} unpickles them; the
 * storage bytes are never read as pickles. A magic number or protocol version that is not written
 * as a literal is TORCH-003. Thread-safe.
 */
public final class LegacyTorchScanner {
  /** The first pickle torch writes: LONG1 0x1950a86a20f9469cfc6c, STOP (after PROTO 2). */
  private static final byte[] MAGIC = HexFormat.of().parseHex("8a0a6cfc9c46f9206aa850192e");

  /** The second pickle: BININT2 1001, STOP. */
  private static final byte[] PROTOCOL = HexFormat.of().parseHex("4de9032e");

  private static final String[] NAMES = {
    "legacy pickle 1 (magic number)",
    "legacy pickle 2 (protocol version)",
    "legacy pickle 3 (system info)",
    "legacy pickle 4 (object)",
    "legacy pickle 5 (storage keys)"
  };

  private static final LegacyTorchScanner STANDARD = new LegacyTorchScanner();

  private final PickleScanner pickles = PickleScanner.standard();

  private LegacyTorchScanner() {}

  /** The scanner. */
  public static LegacyTorchScanner standard() {
    return STANDARD;
  }

  /** True when the bytes start with the literal legacy magic-number pickle. */
  public static boolean matches(ByteBuffer data) {
    ByteBuffer first = ContainerScan.firstPickle(data);
    return isLiteral(first, MAGIC);
  }

  /** Scans the checkpoint in {@code data} (position to limit). */
  public ScanResult scan(ByteBuffer data) {
    List<ScanResult> parts = new ArrayList<>();
    ContainerScan header = new ContainerScan();
    ByteBuffer rest = data.slice();
    for (int i = 0; i < NAMES.length && rest.hasRemaining(); i++) {
      ByteBuffer pickle = ContainerScan.firstPickle(rest);
      int start = data.remaining() - rest.remaining();
      ScanResult result = pickles.scan(pickle);
      parts.add(result.inside(NAMES[i] + " at byte " + start));
      if (i < 2 && !isLiteral(pickle, i == 0 ? MAGIC : PROTOCOL)) {
        header.add(
            ContainerRule.LEGACY_HEADER,
            start,
            NAMES[i],
            "Legacy pickle "
                + (i + 1)
                + " is not the literal "
                + (i == 0 ? "magic number 0x1950a86a20f9469cfc6c" : "protocol version 1001")
                + " torch writes.");
      }
      if (!result.completed()) {
        break;
      }
      rest = rest.slice(pickle.remaining(), rest.remaining() - pickle.remaining());
    }
    parts.add(header.result());
    return ScanResult.combine(parts);
  }

  /** PROTO n (optional), then exactly {@code body}. */
  private static boolean isLiteral(ByteBuffer pickle, byte[] body) {
    int at = pickle.position();
    int length = pickle.remaining();
    if (length >= 2 && (pickle.get(at) & 0xff) == 0x80) {
      at += 2;
      length -= 2;
    }
    if (length != body.length) {
      return false;
    }
    for (int i = 0; i < body.length; i++) {
      if (pickle.get(at + i) != body[i]) {
        return false;
      }
    }
    return true;
  }
}
