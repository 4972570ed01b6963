package dev.custody.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares text with a golden file under {@code src/test/resources}, byte for byte. Run the tests
 * with {@code -Dcustody.updateGolden=true} to rewrite the golden files, then review the diff.
 */
public final class Golden {
  private Golden() {}

  /** Asserts that {@code actual} equals the golden file at {@code resource}. */
  public static void assertMatches(String resource, String actual) {
    Path file = Path.of("src", "test", "resources").resolve(resource);
    try {
      if (Boolean.getBoolean("custody.updateGolden")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      assertThat(file)
          .as("golden file %s (regenerate with -Dcustody.updateGolden=true)", file)
          .exists();
      assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
