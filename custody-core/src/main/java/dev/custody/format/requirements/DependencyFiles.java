package dev.custody.format.requirements;

import java.util.List;

/**
 * The files that say which Python packages a model needs, read by the reader their name calls for:
 * lock files ({@code poetry.lock}, {@code uv.lock}, {@code pylock*.toml}) by {@link
 * LockFileReader}, anything else as a requirements file or {@code pip freeze} output.
 */
public final class DependencyFiles {
  /** The names looked for inside a model folder when none are given, in this order. */
  public static final List<String> CONVENTIONAL =
      List.of("requirements.txt", "poetry.lock", "uv.lock", "pylock.toml");

  /** Lock files list hashes for every wheel, so they are allowed to be larger. */
  public static final RequirementsLimits LOCK_LIMITS =
      new RequirementsLimits(16 << 20, 1_000_000, 16_384, 10_000);

  private DependencyFiles() {}

  /** The most bytes to read of a file with this name. */
  public static int maxBytes(String fileName) {
    return limits(fileName).maxBytes();
  }

  /**
   * Reads a dependency file named {@code fileName}.
   *
   * @throws MalformedRequirementsException if its reader refuses it
   */
  public static Requirements read(String fileName, byte[] bytes)
      throws MalformedRequirementsException {
    return LockFileReader.isLockFile(fileName)
        ? LockFileReader.read(bytes, LOCK_LIMITS)
        : RequirementsReader.read(bytes, RequirementsLimits.DEFAULT);
  }

  private static RequirementsLimits limits(String fileName) {
    return LockFileReader.isLockFile(fileName) ? LOCK_LIMITS : RequirementsLimits.DEFAULT;
  }
}
