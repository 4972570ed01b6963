package dev.custody.finding;

import java.util.List;

/**
 * Where in a file a finding was made: the chain of containers that leads to the bytes (archive
 * members, nested pickles), outermost first, and a byte offset inside the innermost one.
 *
 * @param containers e.g. {@code ["archive/data.pkl"]}; empty for the file itself
 * @param offset byte offset inside the innermost container, from 0
 */
public record Location(List<String> containers, long offset) {

  /** Copies the list and checks the offset. */
  public Location {
    containers = List.copyOf(containers);
    if (offset < 0) {
      throw new IllegalArgumentException("a byte offset is never negative, got " + offset);
    }
    for (String container : containers) {
      if (container.isEmpty()) {
        throw new IllegalArgumentException("a container name in a location is never empty");
      }
    }
  }

  /** A location directly in the scanned file. */
  public static Location at(long offset) {
    return new Location(List.of(), offset);
  }

  /** This location seen from outside {@code container}, e.g. the archive member it lies in. */
  public Location inside(String container) {
    java.util.ArrayList<String> outer = new java.util.ArrayList<>(containers.size() + 1);
    outer.add(container);
    outer.addAll(containers);
    return new Location(outer, offset);
  }

  /** {@code a.zip!/archive/data.pkl @ 57}, or {@code @ 57} at the top level. */
  @Override
  public String toString() {
    return (containers.isEmpty() ? "" : String.join(" > ", containers) + " ") + "@ " + offset;
  }
}
