package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.internal.SuppressForbidden;
import dev.custody.testkit.Golden;
import dev.custody.testkit.ModelTree;
import dev.custody.testkit.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code custody digest}, run in-process through {@link Cli#execute} with no terminal. */
class DigestCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The example model, relative to the module folder (surefire's working folder). */
  private static final String TINY = "../examples/tiny-model";

  private static final String TINY_ROOT =
      "sha256:a84bc6d7436624760d813284f40580f9ac13a46be9b1991501e0d35aead89228";

  /** sha256 of the bytes {@code "weights\n"}. */
  private static final String WEIGHTS_SHA256 =
      "1b465fa6b6bcbc06a3199e3d2d8aec35d37494a712f888b6d5536684dd89d0f0";

  private static final String PREFIX = "custody digest: error: ";
  private static final String TRY_HELP =
      "Try 'custody digest --help' for the options and an example.\n";

  // ---------------------------------------------------------------- text output

  @Test
  void printsRootDigestOfTinyModel() {
    CliRun run = CliRun.of("digest", TINY);

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).isEqualTo(TINY_ROOT + "\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void printsRootDigestOfSingleModelFile() {
    CliRun run = CliRun.of("digest", TINY + "/model.safetensors");

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .isEqualTo("sha256:b6a48f598cae4a0871feca2e18ed7c2a7951918781d4bdeaf0520e46092ca63b\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void printsSha256RootDigestWhenFilesAreHashedWithBlake2b() {
    CliRun run = CliRun.of("digest", "--hash", "blake2b", TINY);

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .isEqualTo("sha256:274ec022a0897c039c0323d20d17279e364fa1897b464923f4e47284777dffad\n");
    assertThat(run.err()).isEmpty();
  }

  // ---------------------------------------------------------------- JSON against OMS vectors

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "files-sha256-p256, ../examples/tiny-model, sha256",
    "files-blake2b-p256, ../examples/tiny-model, blake2b",
    "singlefile-sha256-p256, ../examples/tiny-model/model.safetensors, sha256"
  })
  void jsonManifestMatchesReferenceVector(String vector, String model, String hash)
      throws IOException {
    CliRun run = CliRun.of("digest", "--format", "json", "--hash", hash, model);

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).endsWith("}\n");
    JsonNode actual = MAPPER.readTree(run.out());
    JsonNode expected = vector(vector);
    assertThat(ignorePaths(actual))
        .isEqualTo(ignorePaths(expected))
        .containsExactlyInAnyOrder(".git", ".gitattributes", ".github", ".gitignore");
    assertThat(withoutSignatureFieldsAndIgnorePaths(actual))
        .isEqualTo(withoutSignatureFieldsAndIgnorePaths(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"files-sha256-p256", "files-blake2b-p256", "singlefile-sha256-p256"})
  void vectorResourcesAreByteForByteCopiesOfTheSharedVectors(String vector) throws IOException {
    Path shared = SharedData.require("oms-vectors/expected/" + vector + ".json");
    Path copy = Path.of("src/test/resources/dev/custody/cli/vectors", vector + ".json");

    assertThat(Files.mismatch(copy, shared)).as("first differing byte").isEqualTo(-1L);
  }

  // ---------------------------------------------------------------- help and version

  @Test
  void digestHelpMatchesGoldenFile() {
    CliRun run = CliRun.of("digest", "--help");

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains(TINY_ROOT.substring("sha256:".length()));
    Golden.assertMatches("dev/custody/cli/golden/digest-help.txt", run.out());
  }

  @Test
  void rootHelpMatchesGoldenFile() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("Usage: custody");
    Golden.assertMatches("dev/custody/cli/golden/custody-help.txt", run.out());
  }

  @Test
  void helpDigestPrintsTheSameTextAsDigestHelp() {
    CliRun viaHelpVerb = CliRun.of("help", "digest");
    CliRun viaOption = CliRun.of("digest", "--help");

    assertThat(viaHelpVerb.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(viaHelpVerb.err()).isEmpty();
    assertThat(viaHelpVerb.out())
        .startsWith("Compute a model's identity")
        .isEqualTo(viaOption.out());
  }

  @Test
  void versionPrintsCustodyVersionFirst() {
    CliRun run = CliRun.of("--version");

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out().lines().toList())
        .hasSize(2)
        .satisfiesExactly(
            first -> assertThat(first).startsWith("custody 0.1.0"),
            second -> assertThat(second).startsWith("Java "));
  }

  // ---------------------------------------------------------------- usage errors: exit 2

  @Test
  void rejectsUnknownOption() {
    CliRun run = CliRun.of("digest", "--bogus", TINY);

    assertUsageError(run, PREFIX + "Unknown option: '--bogus'\n" + TRY_HELP);
  }

  @Test
  void rejectsUnknownHashAlgorithm() {
    CliRun run = CliRun.of("digest", "--hash", "md5", TINY);

    assertUsageError(
        run,
        PREFIX
            + "Invalid value for option '--hash': unknown hash algorithm 'md5' (expected sha256,"
            + " blake2b or blake3)\n"
            + TRY_HELP);
  }

  @Test
  void rejectsShardSizeZero() {
    CliRun run = CliRun.of("digest", "--shard-size", "0", TINY);

    assertUsageError(
        run,
        PREFIX
            + "shard size 0 is out of range (expected 1 to 1125899906842624 bytes; the reference"
            + " default is 1000000000)\n"
            + TRY_HELP);
  }

  @Test
  void rejectsShardSizeThatIsNotAByteCount() {
    CliRun run = CliRun.of("digest", "--shard-size", "abc", TINY);

    assertUsageError(
        run,
        PREFIX
            + "Invalid value for option '--shard-size': 'abc' is not a byte count (expected e.g."
            + " 1000000000, 64MiB or 1GB)\n"
            + TRY_HELP);
  }

  @Test
  void rejectsBlake3WithShardSerialization() {
    CliRun run = CliRun.of("digest", "--hash", "blake3", "--shard-size", "16", TINY);

    assertUsageError(
        run,
        PREFIX
            + "blake3 cannot be combined with shard serialization: OMS v1.0 implementations hash"
            + " blake3 models as whole files, so such a manifest could not be verified elsewhere;"
            + " use sha256 or blake2b with shards, or blake3 without a shard size\n"
            + TRY_HELP);
  }

  @Test
  void requiresModel() {
    CliRun run = CliRun.of("digest");

    assertUsageError(run, PREFIX + "Missing required parameter: 'MODEL'\n" + TRY_HELP);
  }

  @Test
  void rejectsModelPathThatDoesNotExist(@TempDir Path tmp) {
    Path missing = tmp.resolve("no-such-model");

    CliRun run = CliRun.of("digest", missing.toString());

    assertThat(run.err()).contains("does not exist");
    assertUsageError(
        run,
        PREFIX
            + "model path '"
            + missing
            + "' does not exist; expected a model folder or a single model file\n"
            + TRY_HELP);
  }

  @Test
  void rejectsIgnorePathOutsideModel(@TempDir Path tmp) {
    Path model = ModelTree.at(tmp.resolve("m")).file("weights.bin", "weights\n").root();
    Path outside = ModelTree.at(tmp.resolve("other")).file("model.sig", "sig").root();

    CliRun run =
        CliRun.of(
            "digest", "--ignore-path", outside.resolve("model.sig").toString(), model.toString());

    assertUsageError(
        run,
        PREFIX
            + "--ignore-path '"
            + outside.resolve("model.sig")
            + "' is not inside the model folder '"
            + model
            + "'; give a path to something in the model, relative to the current folder (e.g. '"
            + model.resolve("model.sig")
            + "') or absolute\n"
            + TRY_HELP);
  }

  @Test
  void rejectsIgnorePathThatIsTheModelItself(@TempDir Path tmp) {
    Path model = ModelTree.at(tmp.resolve("m")).file("weights.bin", "weights\n").root();

    CliRun run = CliRun.of("digest", "--ignore-path", model.toString(), model.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(PREFIX + "--ignore-path '" + model + "' is not inside the model folder");
  }

  @Test
  void withoutVerbShowsTheVerbsOnStderrAndExits2() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("custody: say which verb to run.\n")
        .contains("Usage: custody [-hV] [--verbose] <verb>")
        .containsPattern("(?m)^  digest +Compute a model's identity");
  }

  // ---------------------------------------------------------------- operational errors: exit 3

  @Test
  void refusesSymlinkByDefault(@TempDir Path tmp) {
    Path model =
        ModelTree.at(tmp.resolve("m"))
            .file("weights.bin", "weights\n")
            .symlink("link.bin", "weights.bin")
            .root();

    CliRun run = CliRun.of("digest", model.toString());

    assertOperationalError(
        run,
        PREFIX
            + "'link.bin' is a symbolic link; symlinks are refused by default because a signature"
            + " should cover bytes inside the model. Pass --allow-symlinks to hash the target's"
            + " content under the link's name, or --ignore-path to leave it out\n");
  }

  @Test
  void allowSymlinksHashesTheTargetUnderTheLinkName(@TempDir Path tmp) throws IOException {
    Path model =
        ModelTree.at(tmp.resolve("m"))
            .file("weights.bin", "weights\n")
            .symlink("link.bin", "weights.bin")
            .root();

    CliRun run = CliRun.of("digest", "--allow-symlinks", "--format", "json", model.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    JsonNode manifest = MAPPER.readTree(run.out());
    assertThat(resourceNames(manifest)).containsExactly("link.bin", "weights.bin");
    assertThat(manifest.at("/resources/0/digest").asText()).isEqualTo(WEIGHTS_SHA256);
    assertThat(manifest.at("/resources/1/digest").asText()).isEqualTo(WEIGHTS_SHA256);
    assertThat(manifest.at("/serialization/allow_symlinks").isBoolean()).isTrue();
    assertThat(manifest.at("/serialization/allow_symlinks").booleanValue()).isTrue();
  }

  @Test
  void refusesLinkLeavingModelEvenWithAllowSymlinks(@TempDir Path tmp) throws IOException {
    Path outside = ModelTree.at(tmp).file("outside.txt", "outside\n").root().resolve("outside.txt");
    Path model = ModelTree.at(tmp.resolve("m")).symlink("ext.txt", "../outside.txt").root();

    CliRun run = CliRun.of("digest", "--allow-symlinks", model.toString());

    assertOperationalError(
        run,
        PREFIX
            + "symbolic link 'ext.txt' leads outside the model folder, to '"
            + outside.toRealPath()
            + "'; copy the file into the model, or pass --allow-external-symlinks if the model"
            + " really depends on it\n");
  }

  @Test
  void allowExternalSymlinksHashesTheTargetOutsideModel(@TempDir Path tmp) throws IOException {
    ModelTree.at(tmp).file("outside.txt", "outside\n");
    Path model = ModelTree.at(tmp.resolve("m")).symlink("ext.txt", "../outside.txt").root();

    CliRun run = CliRun.of("digest", "--allow-external-symlinks", model.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    // sha256 over the one resource's raw digest, sha256("outside\n").
    assertThat(run.out())
        .isEqualTo("sha256:8ba9506d48b0d8729aeeb8b13c9dc107bbf08c62197c66ab187ac8c4f52000a1\n");
  }

  @Test
  void refusesLinkToFolder(@TempDir Path tmp) {
    Path model =
        ModelTree.at(tmp.resolve("m"))
            .file("sub/weights.bin", "weights\n")
            .symlink("sublink", "sub")
            .root();

    CliRun run = CliRun.of("digest", "--allow-symlinks", model.toString());

    assertOperationalError(
        run,
        PREFIX
            + "symbolic link 'sublink' leads to a folder; only links to files can be hashed (the"
            + " reference implementation would silently leave that folder's files out of the"
            + " manifest). Replace the link with the folder itself, or pass --ignore-path for"
            + " it\n");
  }

  @Test
  void refusesDanglingLink(@TempDir Path tmp) {
    Path model =
        ModelTree.at(tmp.resolve("m"))
            .file("weights.bin", "weights\n")
            .symlink("gone.bin", "no-such-file.bin")
            .root();

    CliRun run = CliRun.of("digest", "--allow-symlinks", model.toString());

    assertOperationalError(
        run,
        PREFIX
            + "symbolic link 'gone.bin' does not lead to a readable file (no such file); fix or"
            + " remove the link, or pass --ignore-path for it\n");
  }

  @Test
  void refusesFifoInModel(@TempDir Path tmp) throws Exception {
    Path model = ModelTree.at(tmp.resolve("m")).file("weights.bin", "weights\n").root();
    assumeTrue(mkfifo(model.resolve("pipe")), "mkfifo is not available");

    CliRun run = CliRun.of("digest", model.toString());

    assertOperationalError(
        run,
        PREFIX
            + "'pipe' is a special file (socket, FIFO or device), which has no content to sign;"
            + " remove it or pass --ignore-path for it\n");
  }

  @Test
  void refusesUnreadableFile(@TempDir Path tmp) throws IOException {
    assumeFalse(
        "root".equals(System.getProperty("user.name")), "root may read a file with mode 000");
    Path model = ModelTree.at(tmp.resolve("m")).file("weights.bin", "weights\n").root();
    Path file = model.resolve("weights.bin");
    Files.setPosixFilePermissions(file, Set.<PosixFilePermission>of());
    try {
      assumeFalse(Files.isReadable(file), "this user may read a file with mode 000");

      CliRun run = CliRun.of("digest", model.toString());

      assertOperationalError(
          run,
          PREFIX
              + "cannot read '"
              + file.toRealPath()
              + "' (permission denied); check that it exists and that you may read it, or pass"
              + " --ignore-path for it\n");
    } finally {
      Files.setPosixFilePermissions(
          file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
  }

  // ---------------------------------------------------------------- ignore paths

  @Test
  void ignorePathGivenAsAbsolutePathLeavesThatFileOut() throws IOException {
    String ignored = Path.of(TINY, "model.safetensors").toAbsolutePath().toString();

    CliRun run = CliRun.of("digest", "--format", "json", "--ignore-path", ignored, TINY);

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    JsonNode manifest = MAPPER.readTree(run.out());
    assertThat(resourceNames(manifest))
        .containsExactly(
            "B.txt",
            "README.md",
            "a/b.txt",
            "a.txt",
            "config.json",
            "empty.bin",
            "tokenizer/vocab.txt");
    assertThat(textList(manifest.at("/serialization/ignore_paths")))
        .containsExactly(".git", ".gitattributes", ".github", ".gitignore", "model.safetensors");
  }

  @Test
  void ignorePathGivenRelativeToCurrentFolderLeavesThatFolderOut() throws IOException {
    CliRun run =
        CliRun.of("digest", "--format", "json", "--ignore-path", TINY + "/tokenizer", TINY);

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    JsonNode manifest = MAPPER.readTree(run.out());
    assertThat(resourceNames(manifest)).doesNotContain("tokenizer/vocab.txt").hasSize(7);
    assertThat(textList(manifest.at("/serialization/ignore_paths"))).contains("tokenizer");
  }

  @Test
  void noIgnoreGitPathsIncludesGitignore() throws IOException {
    CliRun run = CliRun.of("digest", "--format", "json", "--no-ignore-git-paths", TINY);

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    JsonNode manifest = MAPPER.readTree(run.out());
    assertThat(resourceNames(manifest)).first().isEqualTo(".gitignore");
    assertThat(resourceNames(manifest)).hasSize(9);
    assertThat(manifest.at("/serialization/ignore_paths").isArray()).isTrue();
    assertThat(manifest.at("/serialization/ignore_paths").size()).isZero();
    assertThat(manifest.at("/subject/digest/sha256").asText())
        .hasSize(64)
        .isNotEqualTo(TINY_ROOT.substring("sha256:".length()));
  }

  // ---------------------------------------------------------------- shards

  @Test
  void shardSize16CutsFilesIntoNumericallyOrderedShards() throws IOException {
    CliRun run = CliRun.of("digest", "--format", "json", "--shard-size", "16", TINY);

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    JsonNode manifest = MAPPER.readTree(run.out());
    List<String> names = resourceNames(manifest);
    assertThat(names).contains("model.safetensors:16:32", "model.safetensors:112:128");
    assertThat(names.indexOf("model.safetensors:16:32"))
        .isLessThan(names.indexOf("model.safetensors:112:128"));
    assertThat(names.stream().filter(name -> name.startsWith("model.safetensors:")))
        .hasSize(13)
        .startsWith("model.safetensors:0:16")
        .endsWith("model.safetensors:192:200");
    assertThat(names).noneMatch(name -> name.startsWith("empty.bin"));
    List<String> algorithms = new ArrayList<>();
    manifest.get("resources").forEach(r -> algorithms.add(r.get("algorithm").asText()));
    assertThat(algorithms).isNotEmpty().containsOnly("sha256-sharded-16");
    assertThat(manifest.at("/serialization/method").asText()).isEqualTo("shards");
    assertThat(manifest.at("/serialization/shard_size").isIntegralNumber()).isTrue();
    assertThat(manifest.at("/serialization/shard_size").longValue()).isEqualTo(16L);
  }

  @Test
  void shardSizeAcceptsBinaryUnits() throws IOException {
    CliRun run = CliRun.of("digest", "--format", "json", "--shard-size", "1KiB", TINY);

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    JsonNode manifest = MAPPER.readTree(run.out());
    assertThat(manifest.at("/serialization/shard_size").longValue()).isEqualTo(1024L);
    assertThat(resourceNames(manifest)).contains("model.safetensors:0:200");
    assertThat(manifest.at("/resources/0/algorithm").asText()).isEqualTo("sha256-sharded-1024");
  }

  // ---------------------------------------------------------------- --verbose

  @Test
  void verbosePrintsStackTraceOnError(@TempDir Path tmp) {
    CliRun run = CliRun.of("digest", "--verbose", tmp.resolve("missing").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(PREFIX + "model path '")
        .contains("CliFailure")
        .contains("\tat ")
        .contains("Caused by: dev.custody.digest.DigestException");
  }

  @Test
  void verboseBeforeTheVerbAlsoPrintsStackTrace(@TempDir Path tmp) {
    CliRun run = CliRun.of("--verbose", "digest", tmp.resolve("missing").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("\tat ");
  }

  @Test
  void withoutVerboseNoStackTraceIsPrinted(@TempDir Path tmp) {
    CliRun run = CliRun.of("digest", tmp.resolve("missing").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(PREFIX + "model path '").doesNotContain("\tat ");
    assertThat(run.err().lines()).hasSize(2);
  }

  // ---------------------------------------------------------------- helpers

  @Test
  void verboseAfterEndOfOptionsIsAModelNameNotAFlag(@TempDir Path tmp) {
    CliRun run = CliRun.of("digest", "--", "--verbose");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("model path '--verbose' does not exist").doesNotContain("\tat ");
  }

  // ---------------------------------------------------------------- review findings

  @Test
  void unknownVerbListsTheVerbs() {
    CliRun run = CliRun.of("digset", "examples/tiny-model");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            """
            custody: error: unknown verb 'digset'; the verbs are: scan, digest, keygen, sign, verify, bom, attest, verify-attestation, lineage, check, policy, help
            Try 'custody --help' for the options and an example.
            """);
  }

  @Test
  void resultThatCannotBeWrittenIsAnOperationalError() {
    java.io.StringWriter err = new java.io.StringWriter();
    java.io.OutputStream broken =
        new java.io.OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("No space left on device");
          }
        };
    int code;
    try (java.io.PrintWriter out =
            new java.io.PrintWriter(
                new java.io.OutputStreamWriter(broken, java.nio.charset.StandardCharsets.UTF_8));
        java.io.PrintWriter errWriter = new java.io.PrintWriter(err)) {
      code = Cli.execute(out, errWriter, Terminal.NONE, java.util.Map.of(), "digest", TINY);
    }
    assertThat(code).isEqualTo(ExitCode.OPERATIONAL);
    assertThat(err.toString())
        .startsWith("custody: error: could not write the result to standard output");
  }

  @Test
  void emptyModelWarnsOnStderrAndPrintsTheDigestOfNothing(@TempDir Path tmp) throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    CliRun run = CliRun.of("digest", empty.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n");
    assertThat(run.err()).contains("warning:").contains("has no file to hash");
  }

  @Test
  void modelPathThatIsASymlinkNeedsAllowSymlinks(@TempDir Path tmp) throws IOException {
    Path real = ModelTree.at(tmp.resolve("real")).file("f", "x").root();
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    CliRun refused = CliRun.of("digest", link.toString());
    assertThat(refused.exitCode()).isEqualTo(ExitCode.OPERATIONAL);
    assertThat(refused.err()).contains("is a symbolic link").contains("--allow-symlinks");
    CliRun allowed = CliRun.of("digest", "--allow-symlinks", link.toString());
    assertThat(allowed.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(allowed.out()).isEqualTo(CliRun.of("digest", real.toString()).out());
  }

  @Test
  void ignorePathErrorEscapesControlCharacters(@TempDir Path tmp) {
    CliRun run = CliRun.of("digest", "--ignore-path", tmp + "/x\u001b[31mRED", TINY);
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).doesNotContain("\u001b").contains("x\\u{001b}[31mRED");
  }

  @Test
  void threadsOptionGivesTheSameDigestAndRejectsZero() {
    CliRun one = CliRun.of("digest", "--threads", "1", TINY);
    assertThat(one.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(one.out()).isEqualTo(TINY_ROOT + "\n");
    CliRun zero = CliRun.of("digest", "--threads", "0", TINY);
    assertThat(zero.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(zero.err()).contains("threads must be at least 1 (got 0)");
    CliRun huge = CliRun.of("digest", "--threads", "100000", TINY);
    assertThat(huge.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(huge.err()).contains("threads must be at most 256 (got 100000)");
  }

  @Test
  void emptyModelArgumentIsAUsageErrorNotTheCurrentFolder() {
    CliRun run = CliRun.of("digest", "");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("MODEL is empty");
  }

  private static void assertUsageError(CliRun run, String expectedErr) {
    assertThat(run.exitCode()).as("exit code").isEqualTo(ExitCode.USAGE);
    assertThat(run.out()).as("stdout").isEmpty();
    assertThat(run.err()).as("stderr").isEqualTo(expectedErr);
  }

  private static void assertOperationalError(CliRun run, String expectedErr) {
    assertThat(run.exitCode()).as("exit code").isEqualTo(ExitCode.OPERATIONAL);
    assertThat(run.out()).as("stdout").isEmpty();
    assertThat(run.err()).as("stderr").isEqualTo(expectedErr);
  }

  private static JsonNode vector(String id) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            DigestCommandTest.class.getResourceAsStream("vectors/" + id + ".json"),
            "no test resource vectors/" + id + ".json")) {
      return MAPPER.readTree(in);
    }
  }

  /** The manifest minus what only a signature has, and minus ignore_paths (compared as a set). */
  private static JsonNode withoutSignatureFieldsAndIgnorePaths(JsonNode manifest) {
    ObjectNode copy = manifest.deepCopy();
    copy.remove(List.of("id", "pae_sha256", "payload_len", "predicateType"));
    ((ObjectNode) copy.get("serialization")).remove("ignore_paths");
    return copy;
  }

  private static Set<String> ignorePaths(JsonNode manifest) {
    return new HashSet<>(textList(manifest.at("/serialization/ignore_paths")));
  }

  private static List<String> resourceNames(JsonNode manifest) {
    List<String> names = new ArrayList<>();
    manifest.get("resources").forEach(resource -> names.add(resource.get("name").asText()));
    return names;
  }

  private static List<String> textList(JsonNode array) {
    assertThat(array.isArray()).as("%s is an array", array).isTrue();
    List<String> texts = new ArrayList<>();
    array.forEach(element -> texts.add(element.asText()));
    return texts;
  }

  /** Makes a FIFO at {@code path}; false if there is no mkfifo to run. */
  @SuppressForbidden(reason = "Java has no API to make a FIFO; the test runs mkfifo")
  private static boolean mkfifo(Path path) throws InterruptedException {
    Process process;
    try {
      process =
          new ProcessBuilder("mkfifo", path.toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      return false;
    }
    assertThat(process.waitFor()).as("mkfifo exit code").isZero();
    return true;
  }
}
