package dev.custody.format.requirements;

import java.util.List;

/**
 * What a requirements file lists.
 *
 * @param packages the named requirements, in file order
 * @param skipped the lines that name no package this reader can vouch for, with why
 */
public record Requirements(List<PythonPackage> packages, List<Skipped> skipped) {
  /** Copies the lists. */
  public Requirements {
    packages = List.copyOf(packages);
    skipped = List.copyOf(skipped);
  }

  /**
   * A line left out of the BOM.
   *
   * @param line the 1-based line number
   * @param reason why, for the user
   */
  public record Skipped(int line, String reason) {}
}
