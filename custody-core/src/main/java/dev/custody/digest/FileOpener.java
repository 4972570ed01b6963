package dev.custody.digest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;

/** Opens a model file for reading. A seam so tests can make a file fail as it is read. */
interface FileOpener {

  /**
   * Opens without following a link at the last path component, so a file swapped for a symlink
   * between the walk and the read fails instead of hashing the link's target. For a followed link,
   * {@code source} is already the target's real path, so the same holds for it.
   */
  FileOpener DEFAULT =
      file -> FileChannel.open(file.source(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

  FileChannel open(ModelFile file) throws IOException;
}
