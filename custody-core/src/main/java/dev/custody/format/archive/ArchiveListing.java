package dev.custody.format.archive;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The members an archive reader found, in archive order, and why it stopped early if it did.
 *
 * @param format {@code tar} or {@code 7z}
 * @param entries the members read
 * @param problem why reading stopped before the end, or null when the whole archive was read
 */
public record ArchiveListing(
    String format, List<ArchiveEntry> entries, @Nullable ArchiveProblem problem) {

  /** Copies the entries. */
  public ArchiveListing {
    entries = List.copyOf(entries);
  }

  /** Why reading stopped early, if it did. */
  public Optional<ArchiveProblem> stop() {
    return Optional.ofNullable(problem);
  }

  /** True when every member was read. */
  public boolean completed() {
    return problem == null;
  }
}
