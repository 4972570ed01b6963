package dev.custody.format.requirements;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Lock files are hostile input. For any bytes, reading returns packages whose purls are well
 * formed, or throws {@link MalformedRequirementsException}; nothing else escapes (no stack overflow
 * from nesting, no parser exception). Run with {@code JAZZER_FUZZ=1} to fuzz; the plain build
 * replays {@code LockFileReaderFuzzTestInputs/}.
 */
class LockFileReaderFuzzTest {
  private static final RequirementsLimits SMALL = new RequirementsLimits(1 << 14, 500, 2_000, 200);

  @FuzzTest(maxDuration = "60s")
  void readingIsTotal(byte @NotNull [] data) {
    try {
      Requirements read = LockFileReader.read(data, SMALL);
      assertThat(read.packages().size()).isLessThanOrEqualTo(SMALL.maxPackages());
      for (PythonPackage pkg : read.packages()) {
        assertThat(pkg.purl()).matches("pkg:pypi/[a-z0-9-]+(@[A-Za-z0-9.%_~-]+)?");
      }
    } catch (MalformedRequirementsException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
