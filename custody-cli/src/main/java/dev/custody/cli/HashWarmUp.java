package dev.custody.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Gets the JIT to compile SHA-256 with the CPU's SHA instructions while the command line is still
 * being parsed. Until the JVM's top-tier compiler has compiled the digest loop, SHA-256 runs about
 * ten times slower; left to itself that happens only after some tens of megabytes of real hashing
 * on every thread. A few thousand tiny updates on a background thread get it compiled early for
 * about 20 ms of otherwise idle CPU (measured in docs/benchmarks.md).
 */
final class HashWarmUp {
  private static final int UPDATES = 20_000;

  /** The verbs that hash a model; the others (scan, keygen, help) would only pay for it. */
  private static final java.util.Set<String> HASHING_VERBS =
      java.util.Set.of("digest", "sign", "verify", "attest", "verify-attestation", "bom", "check");

  private HashWarmUp() {}

  /**
   * True when the command line names a verb that hashes (an argument that merely looks like one
   * costs only the warm-up).
   */
  static boolean helps(String[] args) {
    for (String arg : args) {
      if (HASHING_VERBS.contains(arg)) {
        return true;
      }
    }
    return false;
  }

  /** Starts the warm-up on a daemon thread and returns at once. */
  static void startInBackground() {
    Thread thread = new Thread(HashWarmUp::run, "custody-sha256-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] block = new byte[64];
      for (int i = 0; i < UPDATES; i++) {
        sha256.update(block);
      }
      block[0] = sha256.digest()[0];
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE JDK has SHA-256; without it there is nothing to warm.
    }
  }
}
