package dev.custody.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Evidence files are read by {@code custody policy test} from anywhere: the reader must be total
 * (evidence or {@link MalformedEvidenceException}), and what it accepts must write back to a
 * document it reads as the same evidence. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build
 * replays {@code src/test/resources/dev/custody/evidence/EvidenceJsonFuzzTestInputs/}.
 */
class EvidenceJsonFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void readingIsTotalAndStable(byte @NotNull [] data) throws MalformedEvidenceException {
    Evidence evidence;
    try {
      evidence = EvidenceJson.read(data);
    } catch (MalformedEvidenceException expected) {
      return;
    }
    assertThat(EvidenceJson.read(EvidenceJson.write(evidence))).isEqualTo(evidence);
  }
}
