/**
 * A bounded reader of the root attributes of an HDF5 file (what a Keras {@code .h5} model keeps its
 * configuration in): {@link Hdf5Reader} finds the superblock (after any user block), reads the root
 * group's attributes, compact or dense, through jhdf's structure parsers over a {@link
 * BoundedStorage} that counts every read against {@link Hdf5Limits} and never copies the file, and
 * decodes the small text-valued ones. jhdf is used here only. The reader is total: anything jhdf
 * throws on hostile input becomes a {@link MalformedHdf5Exception}. This package knows nothing of
 * rules or findings; {@code dev.custody.scan} judges what it reads.
 */
@NullMarked
package dev.custody.format.hdf5;

import org.jspecify.annotations.NullMarked;
