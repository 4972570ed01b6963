package dev.custody.digest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;

/** Opens a model file for reading. A seam so tests can make a file fail as it is read. */
interface FileOpener {

  /**
   * Opens regular files without following links, so a file swapped for a symlink between the walk
   * and the read fails instead of hashing the link's target; followed links open their resolved
   * target.
   */
  FileOpener DEFAULT =
      file ->
          file.viaSymlink()
              ? FileChannel.open(file.source(), StandardOpenOption.READ)
              : FileChannel.open(file.source(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

  FileChannel open(ModelFile file) throws IOException;
}
