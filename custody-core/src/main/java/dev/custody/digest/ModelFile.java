package dev.custody.digest;

import dev.custody.model.ModelPath;
import java.nio.file.Path;

/**
 * A regular file the walk found: its name in the manifest, where its bytes are read from (the link
 * target for a followed symlink) and its size when it was seen.
 */
record ModelFile(ModelPath path, Path source, long size) {}
