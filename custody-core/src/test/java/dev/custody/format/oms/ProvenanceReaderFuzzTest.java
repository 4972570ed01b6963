package dev.custody.format.oms;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custody.provenance.Provenance;
import java.util.Arrays;

/**
 * Attestations come from strangers. The provenance reader must be total: for any bytes it returns a
 * provenance or throws {@link MalformedBundleException}; and what it returns writes back to bytes
 * it reads as the same value. Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build replays the
 * committed inputs.
 */
class ProvenanceReaderFuzzTest {

  @FuzzTest(maxDuration = "120s")
  void provenanceReaderEndsWithProvenanceOrMalformed(FuzzedDataProvider data) throws Exception {
    byte[] bytes = data.consumeRemainingAsBytes();
    Provenance provenance;
    try {
      provenance = ProvenanceReader.read(bytes);
    } catch (MalformedBundleException expected) {
      return; // refusing is fine; any other exception fails the test
    }
    byte[] written = ProvenanceWriter.write(provenance);
    if (!ProvenanceReader.read(written).equals(provenance)
        || !Arrays.equals(ProvenanceWriter.write(ProvenanceReader.read(written)), written)) {
      throw new AssertionError("provenance did not survive a write and read");
    }
  }
}
