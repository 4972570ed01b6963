package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.testkit.PickleBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The pickles under {@code examples/} are what this generator writes, so anyone can see exactly
 * what they hold. Regenerate with {@code -Dcustody.updateGolden=true}. Nothing here runs them.
 */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("..", "examples");

  /** A state-dict-like pickle whose "payload" entry calls os.system with a harmless marker. */
  static byte[] malicious() {
    return PickleBuilder.create()
        .proto(2)
        .emptyDict()
        .shortBinUnicode("hidden_size")
        .binInt1(4)
        .setItem()
        .shortBinUnicode("payload")
        .global("os", "system")
        .shortBinUnicode(PickleBuilder.MARKER)
        .tuple1()
        .reduce()
        .setItem()
        .stop()
        .bytes();
  }

  /** An OrderedDict of plain numbers, as a tiny state dict without tensors. */
  static byte[] benign() {
    return PickleBuilder.create()
        .proto(2)
        .global("collections", "OrderedDict")
        .emptyTuple()
        .reduce()
        .mark()
        .shortBinUnicode("hidden_size")
        .binInt1(4)
        .shortBinUnicode("layers")
        .binInt1(2)
        .setItems()
        .stop()
        .bytes();
  }

  @Test
  void maliciousExampleIsWhatTheGeneratorWrites() throws IOException {
    check(EXAMPLES.resolve("malicious-model/pytorch_model.bin"), malicious());
  }

  @Test
  void benignExampleIsWhatTheGeneratorWrites() throws IOException {
    check(EXAMPLES.resolve("benign-model/pytorch_model.bin"), benign());
  }

  private static void check(Path file, byte[] expected) throws IOException {
    if (Boolean.getBoolean("custody.updateGolden")) {
      Files.createDirectories(file.getParent());
      Files.write(file, expected);
    }
    assertThat(Files.readAllBytes(file))
        .as("%s (regenerate with -Dcustody.updateGolden=true)", file)
        .isEqualTo(expected);
  }
}
