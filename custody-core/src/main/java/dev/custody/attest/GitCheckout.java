package dev.custody.attest;

import dev.custody.internal.BoundedFiles;
import dev.custody.internal.Untrusted;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The commit a git working folder has checked out, read from the files under {@code .git} (no git
 * process runs): {@code HEAD}, the branch it names as a loose ref or in {@code packed-refs}, and
 * the {@code origin} remote from {@code config}. Linked worktrees ({@code .git} as a file naming
 * the real folder) are followed. Every file is read within a small limit.
 *
 * @param commit the checked-out commit, lowercase hex (40 for SHA-1 repositories, 64 for SHA-256)
 * @param remote the {@code origin} URL without any user name or password, if there is one
 */
public record GitCheckout(String commit, @Nullable String remote) {
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern REF = Pattern.compile("refs/[A-Za-z0-9._/-]{1,240}");
  private static final int SMALL_FILE = 64 * 1024;
  private static final int PACKED_REFS = 16 << 20;
  private static final int CONFIG = 1 << 20;

  /** Checks the commit. */
  public GitCheckout {
    if (!COMMIT.matcher(commit).matches()) {
      throw new IllegalArgumentException("not a git commit: " + Untrusted.quote(commit));
    }
  }

  /**
   * The checkout of {@code folder}, or empty when it has no {@code .git}.
   *
   * @throws AttestationException if {@code .git} is there but its HEAD cannot be resolved
   */
  public static Optional<GitCheckout> of(Path folder) throws AttestationException {
    Path dotGit = folder.resolve(".git");
    if (!Files.exists(dotGit, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      Path gitDir = Files.isDirectory(dotGit) ? dotGit : linkedGitDir(folder, dotGit);
      Path common = commonDir(gitDir);
      String commit = resolveHead(gitDir, common);
      return Optional.of(new GitCheckout(commit, remote(common)));
    } catch (IOException | IllegalArgumentException e) {
      throw new AttestationException(
          AttestationException.Kind.BAD_INPUT,
          "cannot read the checked-out commit of "
              + Untrusted.quote(folder.toString())
              + " ("
              + Untrusted.escape(String.valueOf(e.getMessage()))
              + "); pass --code URI@REVISION instead",
          e);
    }
  }

  /** A worktree's {@code .git} file: {@code gitdir: <path>}. */
  private static Path linkedGitDir(Path folder, Path dotGit) throws IOException {
    String text = read(dotGit, SMALL_FILE).strip();
    if (!text.startsWith("gitdir:")) {
      throw new IOException(".git is a file without a gitdir line");
    }
    return folder.resolve(text.substring("gitdir:".length()).strip());
  }

  private static Path commonDir(Path gitDir) throws IOException {
    Path file = gitDir.resolve("commondir");
    if (!Files.isRegularFile(file)) {
      return gitDir;
    }
    return gitDir.resolve(read(file, SMALL_FILE).strip()).normalize();
  }

  private static String resolveHead(Path gitDir, Path common) throws IOException {
    String head = read(gitDir.resolve("HEAD"), SMALL_FILE).strip();
    if (!head.startsWith("ref:")) {
      return commit(head, "HEAD");
    }
    String ref = head.substring("ref:".length()).strip();
    if (!REF.matcher(ref).matches() || ref.contains("..")) {
      throw new IOException("HEAD names an unusual ref " + Untrusted.quote(ref));
    }
    for (Path folder : new Path[] {gitDir, common}) {
      Path loose = folder.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return commit(read(loose, SMALL_FILE).strip(), ref);
      }
    }
    Path packed = common.resolve("packed-refs");
    if (Files.isRegularFile(packed)) {
      for (String line : read(packed, PACKED_REFS).split("\n", -1)) {
        if (line.endsWith(" " + ref)) {
          return commit(line.substring(0, line.indexOf(' ')), ref);
        }
      }
    }
    throw new IOException(
        "HEAD is on " + Untrusted.quote(ref) + ", which has no commit yet (an empty branch?)");
  }

  private static String commit(String text, String where) throws IOException {
    String lower = text.toLowerCase(Locale.ROOT);
    if (!COMMIT.matcher(lower).matches()) {
      throw new IOException(where + " holds " + Untrusted.quote(text) + ", not a commit id");
    }
    return lower;
  }

  /** The {@code url} of {@code [remote "origin"]} in the config, without credentials. */
  private static @Nullable String remote(Path common) throws IOException {
    Path config = common.resolve("config");
    if (!Files.isRegularFile(config)) {
      return null;
    }
    boolean inOrigin = false;
    for (String raw : read(config, CONFIG).split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        inOrigin = line.replace(" ", "").equals("[remote\"origin\"]");
      } else if (inOrigin && line.startsWith("url")) {
        int equals = line.indexOf('=');
        if (equals > 0 && line.substring(0, equals).strip().equals("url")) {
          return withoutCredentials(line.substring(equals + 1).strip());
        }
      }
    }
    return null;
  }

  /**
   * {@code https://user:token@host/x} becomes {@code https://host/x}; an scp-like {@code
   * git@host:org/repo.git} becomes {@code ssh://host/org/repo.git}. A signed attestation is public,
   * and a token in a remote URL must never end up in it.
   */
  static @Nullable String withoutCredentials(String url) {
    if (url.isEmpty() || url.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      return null;
    }
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      int colon = url.indexOf(':');
      if (colon <= 0 || url.startsWith("/")) {
        return null;
      }
      String host = url.substring(0, colon);
      host = host.substring(host.lastIndexOf('@') + 1);
      return "ssh://" + host + "/" + url.substring(colon + 1);
    }
    int authorityStart = scheme + 3;
    int pathStart = url.indexOf('/', authorityStart);
    String authority =
        pathStart < 0 ? url.substring(authorityStart) : url.substring(authorityStart, pathStart);
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    return url.substring(0, authorityStart)
        + host
        + (pathStart < 0 ? "" : url.substring(pathStart));
  }

  private static String read(Path file, int limit) throws IOException {
    return new String(BoundedFiles.read(file, limit), StandardCharsets.UTF_8);
  }
}
