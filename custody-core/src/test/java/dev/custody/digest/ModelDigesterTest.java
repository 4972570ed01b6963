package dev.custody.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.digest.DigestException.Reason;
import dev.custody.model.HashAlgorithm;
import dev.custody.model.Manifest;
import dev.custody.model.ModelPath;
import dev.custody.model.Resource;
import dev.custody.testkit.ModelTree;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDigesterTest {
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @TempDir Path tmp;

  private static Manifest digest(Path model) throws DigestException {
    return new ModelDigester(DigestOptions.defaults()).digest(model);
  }

  private static Manifest digest(Path model, DigestOptions options) throws DigestException {
    return new ModelDigester(options).digest(model);
  }

  private static List<String> names(Manifest manifest) {
    return manifest.resources().stream().map(Resource::name).toList();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String sha256(String text) throws Exception {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void emptyFolderHasNoResourcesAndTheDigestOfNothing() throws Exception {
    Manifest manifest = digest(ModelTree.at(tmp.resolve("empty")).root());
    assertThat(manifest.resources()).isEmpty();
    assertThat(manifest.rootDigest().hex()).isEqualTo(EMPTY_SHA256);
    assertThat(manifest.modelName()).isEqualTo("empty");
  }

  @Test
  void emptyFilesAreResourcesInFileMode() throws Exception {
    Path model = ModelTree.at(tmp.resolve("m")).file("empty.bin", new byte[0]).root();
    Manifest manifest = digest(model);
    assertThat(names(manifest)).containsExactly("empty.bin");
    assertThat(manifest.resources().get(0).digest().hex()).isEqualTo(EMPTY_SHA256);
    // root = sha256(raw digest of the one resource)
    assertThat(manifest.rootDigest().hex())
        .isEqualTo(sha256(HexFormat.of().parseHex(EMPTY_SHA256)));
  }

  @Test
  void rootDigestIsSha256OverRawResourceDigestsInOrder() throws Exception {
    Path model = ModelTree.at(tmp.resolve("m")).file("b", "2").file("a", "1").root();
    Manifest manifest = digest(model);
    byte[] both = HexFormat.of().parseHex(sha256("1") + sha256("2"));
    assertThat(manifest.rootDigest().hex()).isEqualTo(sha256(both));
  }

  @Test
  void ordersByPathComponentNotByString() throws Exception {
    Path model =
        ModelTree.at(tmp.resolve("m"))
            .file("a.txt", "x")
            .file("a-b", "x")
            .file("a/b.txt", "x")
            .file("a/a/z", "x")
            .root();
    // By string "a-b" < "a.txt" < "a/..."; by component, "a" sorts before "a-b" and "a.txt".
    assertThat(names(digest(model))).containsExactly("a/a/z", "a/b.txt", "a-b", "a.txt");
  }

  @Test
  void ordersUpperCaseBeforeLowerCaseAndUnicodeByCodePoint() throws Exception {
    Path model =
        ModelTree.at(tmp.resolve("m"))
            .file("b.txt", "x")
            .file("B.txt", "x")
            .file("é.txt", "x")
            .file("z.txt", "x")
            .file("\uFFFD.txt", "x")
            .file("\uD83D\uDE00.txt", "x") // U+1F600, a surrogate pair in UTF-16
            .root();
    // Java's String order would put U+1F600 (0xD83D...) before U+FFFD; Python's code point
    // order, which the reference uses, puts it last.
    assertThat(names(digest(model)))
        .containsExactly("B.txt", "b.txt", "z.txt", "é.txt", "\uFFFD.txt", "\uD83D\uDE00.txt");
  }

  @Test
  void digestsDeeplyNestedFiles() throws Exception {
    String deep = "d/".repeat(100) + "leaf.bin";
    Manifest manifest = digest(ModelTree.at(tmp.resolve("m")).file(deep, "x").root());
    assertThat(names(manifest)).containsExactly(deep);
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    Path model = ModelTree.at(tmp.resolve("m")).file("d/".repeat(10) + "leaf.bin", "x").root();
    DigestOptions options = DigestOptions.defaults().withLimits(1000, 5);
    assertThatThrownBy(() -> digest(model, options))
        .isInstanceOfSatisfying(
            DigestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED))
        .hasMessageContaining("deeper than 5");
  }

  @Test
  void refusesMoreFilesThanTheLimit() {
    ModelTree tree = ModelTree.at(tmp.resolve("m"));
    for (int i = 0; i < 5; i++) {
      tree.file("f" + i, "x");
    }
    DigestOptions options = DigestOptions.defaults().withLimits(4, 10);
    assertThatThrownBy(() -> digest(tree.root(), options))
        .isInstanceOfSatisfying(
            DigestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED))
        .hasMessageContaining("more than 4 files");
  }

  @Test
  void refusesMoreFoldersThanTheLimitEvenWhenTheyAreEmpty() {
    ModelTree tree = ModelTree.at(tmp.resolve("m"));
    for (int i = 0; i < 5; i++) {
      tree.folder("empty" + i);
    }
    DigestOptions options = DigestOptions.defaults().withLimits(4, 10);
    assertThatThrownBy(() -> digest(tree.root(), options))
        .isInstanceOfSatisfying(
            DigestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_EXCEEDED))
        .hasMessageContaining("more than 4 folders");
  }

  @Test
  void refusesShardSizesThatWouldMakeTooManyResources() {
    Path model = ModelTree.at(tmp.resolve("m")).pattern("big", 1000, 1).root();
    DigestOptions options = DigestOptions.defaults().withShardSize(1L).withLimits(999, 10);
    assertThatThrownBy(() -> digest(model, options))
        .hasMessageContaining("more than 999 shards")
        .hasMessageContaining("larger --shard-size");
  }

  @Test
  void ignoresPathsAndEverythingBelowThemButNotSiblingsSharingAPrefix() throws Exception {
    Path model =
        ModelTree.at(tmp.resolve("m"))
            .file("a", "x")
            .file("a.txt", "x")
            .file("dir/one", "x")
            .file("dir/sub/two", "x")
            .file("dirty", "x")
            .root();
    DigestOptions options =
        DigestOptions.defaults().withIgnorePaths(List.of(new ModelPath("a"), new ModelPath("dir")));
    Manifest manifest = digest(model, options);
    assertThat(names(manifest)).containsExactly("a.txt", "dirty");
    assertThat(manifest.serialization().ignorePaths())
        .extracting(ModelPath::value)
        .containsExactly(".git", ".gitattributes", ".github", ".gitignore", "a", "dir");
  }

  @Test
  void ignoresGitPathsOnlyAtTheTop() throws Exception {
    Path model =
        ModelTree.at(tmp.resolve("m"))
            .file(".git/HEAD", "x")
            .file(".gitignore", "x")
            .file(".github/workflow.yml", "x")
            .file(".gitattributes", "x")
            .file("sub/.gitignore", "x")
            .file("sub/.git/HEAD", "x")
            .file(".gitkeep", "x")
            .root();
    assertThat(names(digest(model))).containsExactly(".gitkeep", "sub/.git/HEAD", "sub/.gitignore");
    assertThat(names(digest(model, DigestOptions.defaults().withIgnoreGitPaths(false))))
        .containsExactly(
            ".git/HEAD",
            ".gitattributes",
            ".github/workflow.yml",
            ".gitignore",
            ".gitkeep",
            "sub/.git/HEAD",
            "sub/.gitignore");
  }

  @Test
  void singleFileIsTheResourceNamedDotAndTheModelIsNamedAfterIt() throws Exception {
    Path file =
        ModelTree.at(tmp.resolve("m")).file("weights.bin", "abc").root().resolve("weights.bin");
    Manifest manifest = digest(file);
    assertThat(names(manifest)).containsExactly(".");
    assertThat(manifest.modelName()).isEqualTo("weights.bin");
    assertThat(manifest.resources().get(0).digest().hex()).isEqualTo(sha256("abc"));
  }

  @Test
  void shardsAreCutAtMultiplesOfTheShardSizeAndOrderedNumerically() throws Exception {
    byte[] content = new byte[200];
    new java.util.Random(7).nextBytes(content);
    Path model =
        ModelTree.at(tmp.resolve("m")).file("w.bin", content).file("empty", new byte[0]).root();
    Manifest manifest = digest(model, DigestOptions.defaults().withShardSize(16L));
    List<String> names = names(manifest);
    assertThat(names).hasSize(13).doesNotContain("empty:0:0");
    assertThat(names.subList(0, 3)).containsExactly("w.bin:0:16", "w.bin:16:32", "w.bin:32:48");
    assertThat(names.get(12)).isEqualTo("w.bin:192:200");
    assertThat(names.indexOf("w.bin:16:32")).isLessThan(names.indexOf("w.bin:112:128"));
    assertThat(manifest.resources().get(12).digest().hex())
        .isEqualTo(sha256(java.util.Arrays.copyOfRange(content, 192, 200)));
    assertThat(manifest.serialization().resourceAlgorithm()).isEqualTo("sha256-sharded-16");
  }

  @Test
  void shardsOfAnExactMultipleHaveNoEmptyTail() throws Exception {
    Path model = ModelTree.at(tmp.resolve("m")).pattern("w", 32, 1).root();
    assertThat(names(digest(model, DigestOptions.defaults().withShardSize(16L))))
        .containsExactly("w:0:16", "w:16:32");
  }

  @Test
  void singleFileShardsAreNamedAfterDot() throws Exception {
    Path file = ModelTree.at(tmp.resolve("m")).pattern("w", 20, 1).root().resolve("w");
    assertThat(names(digest(file, DigestOptions.defaults().withShardSize(16L))))
        .containsExactly(".:0:16", ".:16:20");
  }

  @Test
  void sameManifestOnOneThreadAndOnMany() throws Exception {
    ModelTree tree = ModelTree.at(tmp.resolve("m"));
    for (int i = 0; i < 40; i++) {
      tree.pattern("dir" + (i % 4) + "/f" + i, 1000 * i + (i % 3), i);
    }
    tree.pattern("big", 3 * ParallelHasher.BUFFER_BYTES + 5, 99);
    for (Long shard : new Long[] {null, 4096L, (long) ParallelHasher.BUFFER_BYTES}) {
      DigestOptions options = DigestOptions.defaults().withShardSize(shard);
      Manifest one = digest(tree.root(), options.withThreads(1));
      Manifest many = digest(tree.root(), options.withThreads(7));
      assertThat(many).isEqualTo(one);
    }
  }

  @Test
  void blake2bAndBlake3MatchKnownDigestsOfEmptyInput() throws Exception {
    Path model = ModelTree.at(tmp.resolve("m")).file("e", new byte[0]).root();
    assertThat(
            digest(model, DigestOptions.defaults().withHash(HashAlgorithm.BLAKE2B))
                .resources()
                .get(0)
                .digest()
                .hex())
        .isEqualTo(
            "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
                + "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce");
    assertThat(
            digest(model, DigestOptions.defaults().withHash(HashAlgorithm.BLAKE3))
                .resources()
                .get(0)
                .digest()
                .hex())
        .isEqualTo("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
  }

  @Test
  void refusesSymlinksByDefault() throws Exception {
    Path model = ModelTree.at(tmp.resolve("m")).file("real", "x").symlink("link", "real").root();
    assertThatThrownBy(() -> digest(model))
        .isInstanceOfSatisfying(
            DigestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
        .hasMessageStartingWith("'link' is a symbolic link")
        .hasMessageContaining("--allow-symlinks");
  }

  @Test
  void followsSymlinksInsideTheModelWhenAllowed() throws Exception {
    Path model =
        ModelTree.at(tmp.resolve("m")).file("dir/real", "abc").symlink("link", "dir/real").root();
    Manifest manifest =
        digest(model, DigestOptions.defaults().withSymlinks(SymlinkPolicy.FOLLOW_INSIDE_MODEL));
    assertThat(names(manifest)).containsExactly("dir/real", "link");
    assertThat(manifest.resources().get(1).digest().hex()).isEqualTo(sha256("abc"));
    assertThat(manifest.serialization().allowSymlinks()).isTrue();
  }

  @Test
  void refusesSymlinksLeavingTheModelUnlessInsecurelyAllowed() throws Exception {
    ModelTree.at(tmp).file("outside.bin", "secret");
    Path model = ModelTree.at(tmp.resolve("m")).symlink("link", "../outside.bin").root();
    assertThatThrownBy(() ->
            digest(model, DigestOptions.defaults().withSymlinks(SymlinkPolicy.FOLLOW_INSIDE_MODEL)))
        .hasMessageContaining("leads outside the model folder")
        .hasMessageContaining("--allow-external-symlinks");
    Manifest manifest =
        digest(
            model, DigestOptions.defaults().withSymlinks(SymlinkPolicy.INSECURE_FOLLOW_ANYWHERE));
    assertThat(names(manifest)).containsExactly("link");
    assertThat(manifest.resources().get(0).digest().hex()).isEqualTo(sha256("secret"));
  }

  @Test
  void refusesSymlinksToFoldersAndDanglingSymlinks() {
    Path model = ModelTree.at(tmp.resolve("m")).file("dir/f", "x").symlink("dirlink", "dir").root();
    DigestOptions allow = DigestOptions.defaults().withSymlinks(SymlinkPolicy.FOLLOW_INSIDE_MODEL);
    assertThatThrownBy(() -> digest(model, allow)).hasMessageContaining("leads to a folder");

    Path dangling = ModelTree.at(tmp.resolve("d")).symlink("gone", "nowhere").root();
    assertThatThrownBy(() -> digest(dangling, allow))
        .isInstanceOfSatisfying(
            DigestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE))
        .hasMessageContaining("'gone' does not lead to a readable file");
  }

  @Test
  void ignoredSymlinksAreNotRefused() throws Exception {
    Path model = ModelTree.at(tmp.resolve("m")).file("f", "x").symlink("link", "nowhere").root();
    Manifest manifest =
        digest(model, DigestOptions.defaults().withIgnorePaths(List.of(new ModelPath("link"))));
    assertThat(names(manifest)).containsExactly("f");
  }

  @Test
  void refusesAModelPathThatIsASymlinkUnlessSymlinksAreAllowed() throws Exception {
    Path real = ModelTree.at(tmp.resolve("real")).file("f", "x").root();
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    assertThatThrownBy(() -> digest(link))
        .isInstanceOfSatisfying(
            DigestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
        .hasMessage(
            "model path '"
                + link
                + "' is a symbolic link (to '"
                + real.toRealPath()
                + "'); give the path it leads to, or pass --allow-symlinks");
    Manifest followed =
        digest(link, DigestOptions.defaults().withSymlinks(SymlinkPolicy.FOLLOW_INSIDE_MODEL));
    assertThat(followed.rootDigest()).isEqualTo(digest(real).rootDigest());
    assertThat(followed.modelName()).isEqualTo("link");
  }

  @Test
  void missingModelIsReportedAsNotFound() {
    assertThatThrownBy(() -> digest(tmp.resolve("nope")))
        .isInstanceOfSatisfying(
            DigestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MODEL_NOT_FOUND))
        .hasMessage(
            "model path '"
                + tmp.resolve("nope")
                + "' does not exist; expected a model folder or a single model file");
  }

  @Test
  void unreadableFileFailsWithItsNameAndAFix() {
    Path model = ModelTree.at(tmp.resolve("m")).file("ok", "x").file("locked.bin", "x").root();
    FileOpener denying =
        file -> {
          if (file.path().value().equals("locked.bin")) {
            throw new AccessDeniedException(file.source().toString());
          }
          return FileOpener.DEFAULT.open(file);
        };
    assertThatThrownBy(() -> new ModelDigester(DigestOptions.defaults(), denying).digest(model))
        .isInstanceOfSatisfying(
            DigestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE))
        .hasMessageContaining("locked.bin' (permission denied)")
        .hasMessageContaining("--ignore-path");
  }

  @Test
  void fileThatChangesSizeWhileHashedFails() throws Exception {
    Path model = ModelTree.at(tmp.resolve("m")).file("w.bin", "12345").root();
    Path longer = ModelTree.at(tmp.resolve("other")).file("w.bin", "123456789").root();
    FileOpener growing = file -> FileChannel.open(longer.resolve("w.bin"), StandardOpenOption.READ);
    assertThatThrownBy(() -> new ModelDigester(DigestOptions.defaults(), growing).digest(model))
        .isInstanceOfSatisfying(
            DigestException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CHANGED_WHILE_HASHING))
        .hasMessageContaining(
            "'w.bin' changed while it was being hashed (the walk saw 5 bytes, 6 were read, its"
                + " size is now 9)");
  }

  @Test
  void listenerHearsThePlanAndEveryByte() throws Exception {
    Path model = ModelTree.at(tmp.resolve("m")).pattern("a", 3000, 1).pattern("b", 5, 2).root();
    java.util.concurrent.atomic.AtomicLong hashed = new java.util.concurrent.atomic.AtomicLong();
    long[] planned = new long[2];
    DigestListener listener =
        new DigestListener() {
          @Override
          public void planned(int resources, long totalBytes) {
            planned[0] = resources;
            planned[1] = totalBytes;
          }

          @Override
          public void hashed(long bytes) {
            hashed.addAndGet(bytes);
          }
        };
    new ModelDigester(DigestOptions.defaults()).digest(model, listener);
    assertThat(planned).containsExactly(2, 3005);
    assertThat(hashed.get()).isEqualTo(3005);
  }

  @Test
  void refusesSpecialFiles() throws Exception {
    Path model = ModelTree.at(tmp.resolve("m")).file("f", "x").root();
    Path fifo = model.resolve("pipe");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        mkfifo(fifo), "mkfifo is not available; cannot make a special file");
    assertThatThrownBy(() -> digest(model))
        .isInstanceOfSatisfying(
            DigestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
        .hasMessageContaining("'pipe' is a special file");
  }

  @Test
  void refusesFileNamesThatAreNotUtf8() throws Exception {
    Path model = ModelTree.at(tmp.resolve("m")).file("ok", "x").root();
    Process touch =
        new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377name')\"")
            .directory(model.toFile())
            .start();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        touch.waitFor() == 0, "sh or touch is not available; cannot make a non-UTF-8 name");
    assertThatThrownBy(() -> digest(model))
        .isInstanceOfSatisfying(
            DigestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
        .hasMessageContaining("is not valid UTF-8");
  }

  private static boolean mkfifo(Path path) throws InterruptedException {
    try {
      return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
