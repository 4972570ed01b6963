package dev.custody.format.hdf5;

import java.util.List;

/**
 * Every group and dataset of an HDF5 file reached through hard links from the root, each once.
 *
 * @param objects the objects, the root group first, then in the order they were reached
 * @param links soft and external links seen and not followed (PyTables and h5py do not read through
 *     them when a file is loaded), as {@code path -> target}
 */
public record Hdf5Tree(List<Hdf5Object> objects, List<String> links) {
  /** Copies the lists. */
  public Hdf5Tree {
    objects = List.copyOf(objects);
    links = List.copyOf(links);
  }
}
