package dev.custody.format.hdf5;

import java.util.List;

/**
 * The root group's attributes, in the order jhdf found them (dense ones, then compact ones).
 *
 * @param superblockVersion 0 to 3
 * @param userBlock bytes before the superblock (0, 512, 1024 ...)
 * @param attributes every attribute read
 */
public record Hdf5Attributes(
    int superblockVersion, long userBlock, List<Hdf5Attribute> attributes) {
  /** Copies the attributes. */
  public Hdf5Attributes {
    attributes = List.copyOf(attributes);
  }

  /**
   * Every attribute named {@code name}: one in a valid file, but a crafted file can repeat a name,
   * and which copy a loader sees is up to the HDF5 library, so callers judge them all.
   */
  public List<Hdf5Attribute> named(String name) {
    return attributes.stream().filter(a -> a.name().equals(name)).toList();
  }
}
