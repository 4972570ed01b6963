package dev.custody.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * PyTorch checkpoints laid out as torch 2.x {@code torch.save} writes them (research/formats.md
 * §2.2): records under one root folder, {@code data.pkl} first, {@code byteorder}, one stored
 * {@code data/<key>} record per storage, {@code version}, {@code .data/serialization_id}; every
 * record stored with flags 0x0808, a data descriptor and data aligned to 64 bytes.
 */
public final class TorchCheckpoints {
  private TorchCheckpoints() {}

  /** A checkpoint builder with the standard records around {@code dataPkl} and one storage. */
  public static ZipBuilder checkpoint(String root, byte[] dataPkl, byte[] storage0) {
    ZipBuilder zip = ZipBuilder.create();
    zip.torchRecord(root + "/data.pkl", dataPkl);
    zip.torchRecord(root + "/.format_version", ascii("1"));
    zip.torchRecord(root + "/.storage_alignment", ascii("64"));
    zip.torchRecord(root + "/byteorder", ascii("little"));
    zip.torchRecord(root + "/data/0", storage0);
    zip.torchRecord(root + "/version", ascii("3\n"));
    zip.torchRecord(root + "/.data/serialization_id", ascii("1234567890123456789012345678901234"));
    return zip;
  }

  /**
   * A TorchScript archive as torch.jit.save writes it: data.pkl, data/0 ({@link #arange4()}),
   * code/__torch__.py (deflated), its debug pickle, constants.pkl, version.
   */
  public static ZipBuilder torchScript(String root, byte[] dataPkl, byte[] constantsPkl) {
    return torchScript(
        root,
        dataPkl,
        constantsPkl,
        "class M(Module):\n  __parameters__ = []\n  def forward(self: __torch__.M, x: Tensor)"
            + " -> Tensor:\n    return torch.relu(x)\n");
  }

  /** {@link #torchScript(String, byte[], byte[])} with {@code code} as code/__torch__.py. */
  public static ZipBuilder torchScript(
      String root, byte[] dataPkl, byte[] constantsPkl, String code) {
    ZipBuilder zip = ZipBuilder.create();
    zip.torchRecord(root + "/data.pkl", dataPkl);
    zip.torchRecord(root + "/data/0", arange4());
    zip.deflated(root + "/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
    zip.torchRecord(root + "/code/__torch__.py.debug_pkl", constantsPkl);
    zip.torchRecord(root + "/constants.pkl", constantsPkl);
    zip.torchRecord(root + "/version", ascii("1\n"));
    return zip;
  }

  /**
   * The data.pkl torch 1.13/2.x writes (protocol 2) for {@code OrderedDict(w=arange(4.))}: the
   * persistent id {@code ('storage', torch.FloatStorage, '0', 'cpu', 4)} and {@code
   * torch._utils._rebuild_tensor_v2(storage, 0, (4,), (1,), False, OrderedDict())}; pair it with
   * {@link #arange4()} as record {@code data/0}.
   */
  public static byte[] stateDictPickle() {
    return stateDictPickle(4);
  }

  /**
   * {@link #stateDictPickle()} for a float32 tensor {@code w} of {@code numel} elements: its
   * storage record {@code data/0} holds {@code 4 * numel} bytes.
   */
  public static byte[] stateDictPickle(int numel) {
    return PickleBuilder.create()
        .proto(2)
        .global("collections", "OrderedDict")
        .binPut(0)
        .emptyTuple()
        .reduce()
        .binPut(1)
        .binUnicode("w")
        .binPut(2)
        .global("torch._utils", "_rebuild_tensor_v2")
        .binPut(3)
        .mark()
        .mark()
        .binUnicode("storage")
        .binPut(4)
        .global("torch", "FloatStorage")
        .binPut(5)
        .binUnicode("0")
        .binPut(6)
        .binUnicode("cpu")
        .binPut(7)
        .then(count(numel))
        .tuple()
        .binPut(8)
        .binPersId()
        .binInt1(0)
        .then(count(numel))
        .tuple1()
        .binPut(9)
        .binInt1(1)
        .tuple1()
        .binPut(10)
        .newFalse()
        .binGet(0)
        .emptyTuple()
        .reduce()
        .binPut(11)
        .tuple()
        .binPut(12)
        .reduce()
        .binPut(13)
        .setItem()
        .stop()
        .bytes();
  }

  /** An int as pickle writes it: BININT1 below 256, else BININT. */
  private static PickleBuilder count(int n) {
    return n >= 0 && n < 256 ? PickleBuilder.create().binInt1(n) : PickleBuilder.create().binInt(n);
  }

  /**
   * Writes a checkpoint of any size to a new sparse file: {@link #checkpoint}'s records with {@code
   * dataPkl}, and {@code storageBytes} zero bytes as {@code data/0}, left as a hole (ZIP64 fields
   * past 4 GiB). Use with {@link SparseFiles#assumeSparse}.
   */
  public static Path sparseCheckpoint(Path file, String root, byte[] dataPkl, long storageBytes) {
    try (SparseZip zip = SparseZip.create(file)) {
      zip.record(root + "/data.pkl", dataPkl);
      zip.record(root + "/.format_version", ascii("1"));
      zip.record(root + "/.storage_alignment", ascii("64"));
      zip.record(root + "/byteorder", ascii("little"));
      zip.zeros(root + "/data/0", storageBytes);
      zip.record(root + "/version", ascii("3\n"));
      zip.record(root + "/.data/serialization_id", ascii("1234567890123456789012345678901234"));
    }
    return file;
  }

  /** Four little-endian float32 values 0, 1, 2, 3: the storage of {@code arange(4.)}. */
  public static byte[] arange4() {
    byte[] out = new byte[16];
    float[] values = {0f, 1f, 2f, 3f};
    for (int i = 0; i < 4; i++) {
      int bits = Float.floatToIntBits(values[i]);
      for (int b = 0; b < 4; b++) {
        out[i * 4 + b] = (byte) (bits >>> (8 * b));
      }
    }
    return out;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
