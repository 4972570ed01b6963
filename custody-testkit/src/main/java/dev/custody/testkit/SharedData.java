package dev.custody.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the project's {@code ../shared} folder (research data and the reference's upstream
 * vectors), which only developers and CI have. Tests that read it skip, with a message, when it is
 * absent: nothing a user builds may depend on it.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared folder, if this checkout has one beside it. */
  public static Optional<Path> find() {
    String configured = System.getProperty("custody.shared.dir");
    Path candidate =
        configured != null ? Path.of(configured) : Path.of("..", "..", "shared").toAbsolutePath();
    return Files.isDirectory(candidate)
        ? Optional.of(candidate.toAbsolutePath().normalize())
        : Optional.empty();
  }

  /** {@code relative} inside the shared folder; skips the calling test when it is absent. */
  public static Path require(String relative) {
    Optional<Path> shared = find();
    Assumptions.assumeTrue(
        shared.isPresent(),
        "../shared is not beside this checkout; skipping a test that reads " + relative);
    Path path = shared.orElseThrow().resolve(relative);
    Assumptions.assumeTrue(
        Files.exists(path), "../shared has no " + relative + "; skipping a test that reads it");
    return path;
  }
}
