package dev.custody.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.testkit.ModelTree;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checked-out commit is read from .git files the way git lays them out. */
class GitCheckoutTest {
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  static final String OTHER = "89abcdef0123456789abcdef0123456789abcdef";

  @TempDir Path tmp;

  @Test
  void readsABranchFromALooseRefAndTheOriginWithoutCredentials() throws Exception {
    Path repo =
        ModelTree.at(tmp.resolve("repo"))
            .file(".git/HEAD", "ref: refs/heads/main\n")
            .file(".git/refs/heads/main", COMMIT + "\n")
            .file(
                ".git/config",
                """
                [core]
                \tbare = false
                [remote "upstream"]
                \turl = https://x.org/u.git
                [remote "origin"]
                \turl = https://bob:s3cret@github.com/org/train.git
                """)
            .root();

    GitCheckout checkout = GitCheckout.of(repo).orElseThrow();

    assertThat(checkout.commit()).isEqualTo(COMMIT);
    assertThat(checkout.remote()).isEqualTo("https://github.com/org/train.git");
  }

  @Test
  void readsAPackedRefAndAnScpStyleRemote() throws Exception {
    Path repo =
        ModelTree.at(tmp.resolve("repo"))
            .file(".git/HEAD", "ref: refs/heads/release\n")
            .file(
                ".git/packed-refs",
                "# pack-refs with: peeled fully-peeled sorted\n"
                    + OTHER
                    + " refs/heads/main\n"
                    + COMMIT
                    + " refs/heads/release\n")
            .file(".git/config", "[remote \"origin\"]\n  url = git@github.com:org/train.git\n")
            .root();

    GitCheckout checkout = GitCheckout.of(repo).orElseThrow();

    assertThat(checkout.commit()).isEqualTo(COMMIT);
    assertThat(checkout.remote()).isEqualTo("ssh://github.com/org/train.git");
  }

  @Test
  void readsADetachedHeadInALinkedWorktree() throws Exception {
    ModelTree.at(tmp.resolve("main"))
        .file(".git/worktrees/wt/HEAD", OTHER.toUpperCase(java.util.Locale.ROOT) + "\n")
        .file(".git/worktrees/wt/commondir", "../..\n");
    Path worktree =
        ModelTree.at(tmp.resolve("wt"))
            .file(".git", "gitdir: " + tmp.resolve("main/.git/worktrees/wt") + "\n")
            .root();

    GitCheckout checkout = GitCheckout.of(worktree).orElseThrow();

    assertThat(checkout.commit()).isEqualTo(OTHER);
    assertThat(checkout.remote()).isNull();
  }

  @Test
  void aFolderWithoutGitHasNoCheckout() throws Exception {
    assertThat(GitCheckout.of(ModelTree.at(tmp.resolve("plain")).file("a", "b").root())).isEmpty();
  }

  @Test
  void anEmptyBranchOrAStrangeRefIsAnError() {
    Path empty =
        ModelTree.at(tmp.resolve("empty")).file(".git/HEAD", "ref: refs/heads/main\n").root();
    Path strange =
        ModelTree.at(tmp.resolve("strange")).file(".git/HEAD", "ref: ../../etc/passwd\n").root();

    assertThatThrownBy(() -> GitCheckout.of(empty))
        .isInstanceOf(AttestationException.class)
        .hasMessageContaining("has no commit yet");
    assertThatThrownBy(() -> GitCheckout.of(strange))
        .isInstanceOf(AttestationException.class)
        .hasMessageContaining("unusual ref");
  }
}
