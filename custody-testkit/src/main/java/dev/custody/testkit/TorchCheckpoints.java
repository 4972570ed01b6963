package dev.custody.testkit;

import java.nio.charset.StandardCharsets;

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
   * A TorchScript archive as torch.jit.save writes it: data.pkl, code/__torch__.py (deflated), its
   * debug pickle, constants.pkl, version.
   */
  public static ZipBuilder torchScript(String root, byte[] dataPkl, byte[] constantsPkl) {
    ZipBuilder zip = ZipBuilder.create();
    zip.torchRecord(root + "/data.pkl", dataPkl);
    zip.deflated(
        root + "/code/__torch__.py",
        ascii(
            "class M(Module):\n  __parameters__ = []\n  def forward(self: __torch__.M, x: Tensor)"
                + " -> Tensor:\n    return torch.relu(x)\n"));
    zip.torchRecord(root + "/code/__torch__.py.debug_pkl", constantsPkl);
    zip.torchRecord(root + "/constants.pkl", constantsPkl);
    zip.torchRecord(root + "/version", ascii("1\n"));
    return zip;
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
