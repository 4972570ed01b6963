package dev.custody.format.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.custody.scan.Hdf5Scanner;
import dev.custody.scan.NestedScanner;
import dev.custody.scan.ScanResult;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * HDF5 files are hostile input, parsed by jhdf. For any bytes, reading the root attributes or
 * walking every object returns them or throws {@link MalformedHdf5Exception} (no other exception,
 * no StackOverflowError, no endless loop), and the scanner reports a file it could not read as
 * incomplete. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays {@code
 * Hdf5ReaderFuzzTestInputs/} (the walk's corpus is {@code walkingIsTotal/}: PyTables files, dense
 * links, a hard-link loop).
 */
class Hdf5ReaderFuzzTest {
  private static final Hdf5Limits SMALL =
      new Hdf5Limits(5_000, 8L << 20, 200, 16, Duration.ofSeconds(2));

  @FuzzTest(maxDuration = "60s")
  void readingIsTotal(byte @NotNull [] data) {
    boolean read;
    try {
      Hdf5Attributes attributes = Hdf5Reader.rootAttributes(ByteBuffer.wrap(data), SMALL);
      assertThat(attributes.attributes()).hasSizeLessThanOrEqualTo(SMALL.maxAttributes());
      read = true;
    } catch (MalformedHdf5Exception expected) {
      assertThat(expected.getMessage()).isNotBlank();
      read = false;
    }
    ScanResult result =
        Hdf5Scanner.withLimits(SMALL).scan(ByteBuffer.wrap(data), NestedScanner.UNSCANNED);
    if (!read) {
      assertThat(result.completed()).isFalse();
    }
  }

  @FuzzTest(maxDuration = "60s")
  void walkingIsTotal(byte @NotNull [] data) {
    try {
      Hdf5Tree tree = Hdf5Reader.objects(ByteBuffer.wrap(data), SMALL);
      assertThat(tree.objects()).isNotEmpty().hasSizeLessThanOrEqualTo(SMALL.maxObjects());
      assertThat(tree.objects().get(0).path()).isEqualTo("/");
    } catch (MalformedHdf5Exception expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
