package dev.custody.format.legacytorch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.ByteBuffer;

/**
 * Members of legacy tar checkpoints are hostile input: for any bytes, as any of the three records,
 * the walk returns pieces that lie inside the member and never throws. The first byte picks the
 * record kind. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays {@code
 * src/test/resources/dev/custody/format/legacytorch/TarCheckpointRecordFuzzTestInputs/}.
 */
class TarCheckpointRecordFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void readingIsTotal(byte @NotNull [] data) {
    if (data.length == 0) {
      return;
    }
    TarCheckpointRecord.Kind kind =
        switch ((data[0] & 0xff) % 3) {
          case 0 -> TarCheckpointRecord.Kind.STORAGES;
          case 1 -> TarCheckpointRecord.Kind.TENSORS;
          default -> TarCheckpointRecord.Kind.PICKLE;
        };
    ByteBuffer member = ByteBuffer.wrap(data, 1, data.length - 1);
    TarCheckpointRecord.Walk walk = TarCheckpointRecord.read(member, kind);
    for (TarCheckpointRecord.Piece piece : walk.pieces()) {
      assertThat(piece.offset()).isBetween(0L, (long) data.length - 1);
    }
    assertThat(member.position()).isEqualTo(1);
  }
}
