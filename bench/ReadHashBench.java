import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * How the read buffer affects SHA-256 over a file in the page cache: heap vs direct buffer, and
 * its size. This is the experiment behind ParallelHasher.BUFFER_BYTES (docs/benchmarks.md).
 *
 * <p>Run with the JDK alone (no build): {@code java bench/ReadHashBench.java FILE}. Each variant
 * runs three times in one JVM; the last run is the warm one. {@code mem} hashes an in-memory
 * array, the ceiling for any buffer.
 */
public class ReadHashBench {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String[][] variants = {
      {"mem", "1048576"}, {"heap", "1048576"}, {"direct", "1048576"},
      {"heap", "262144"}, {"direct", "262144"}, {"direct", "65536"}
    };
    for (String[] variant : variants) {
      double gbPerSecond = 0;
      for (int round = 0; round < 3; round++) {
        gbPerSecond = run(file, variant[0], Integer.parseInt(variant[1]));
      }
      System.out.printf("%-6s %7d B buffer: %.2f GB/s%n", variant[0], Integer.parseInt(variant[1]), gbPerSecond);
    }
  }

  private static double run(Path file, String mode, int size) throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    long start = System.nanoTime();
    long total = 0;
    if (mode.equals("mem")) {
      byte[] block = new byte[size];
      for (long i = 0; i < (4L << 30) / size; i++) {
        sha256.update(block);
        total += size;
      }
    } else {
      try (FileChannel channel = FileChannel.open(file)) {
        boolean direct = mode.equals("direct");
        byte[] array = new byte[direct ? 0 : size];
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.wrap(array);
        int n;
        while ((n = channel.read(buffer.clear(), total)) > 0) {
          if (direct) {
            sha256.update(buffer.flip());
          } else {
            sha256.update(array, 0, n);
          }
          total += n;
        }
      }
    }
    sha256.digest();
    return total / ((System.nanoTime() - start) / 1e9) / 1e9;
  }
}
