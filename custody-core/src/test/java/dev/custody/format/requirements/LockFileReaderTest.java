package dev.custody.format.requirements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** poetry.lock, uv.lock and pylock.toml read for their pinned packages, and nothing more. */
class LockFileReaderTest {
  private static byte[] corpus(String name) throws IOException {
    try (InputStream in =
        LockFileReaderTest.class.getResourceAsStream(
            "LockFileReaderFuzzTestInputs/readingIsTotal/" + name)) {
      assertThat(in).isNotNull();
      return in.readAllBytes();
    }
  }

  private static Requirements read(String toml) throws MalformedRequirementsException {
    return LockFileReader.read(toml.getBytes(StandardCharsets.UTF_8), RequirementsLimits.DEFAULT);
  }

  @Test
  void poetryLockGivesEveryPinnedPackage() throws Exception {
    Requirements read = LockFileReader.read(corpus("poetry"), RequirementsLimits.DEFAULT);
    assertThat(read.packages())
        .extracting(PythonPackage::purl)
        .containsExactly("pkg:pypi/torch@2.1.0");
  }

  @Test
  void uvLockSkipsTheProjectItselfAndNormalizesNames() throws Exception {
    Requirements read = LockFileReader.read(corpus("uv"), RequirementsLimits.DEFAULT);
    assertThat(read.packages())
        .extracting(PythonPackage::purl)
        .containsExactly("pkg:pypi/numpy@1.26.4");
    assertThat(read.skipped())
        .singleElement()
        .satisfies(s -> {
          assertThat(s.line()).isEqualTo(1);
          assertThat(s.reason()).contains("'demo'").contains("editable");
        });
  }

  @Test
  void pylockTomlIsReadAndAnUnpinnedEntryHasNoVersion() throws Exception {
    Requirements read = LockFileReader.read(corpus("pylock"), RequirementsLimits.DEFAULT);
    assertThat(read.packages())
        .extracting(PythonPackage::purl)
        .containsExactly("pkg:pypi/safetensors@0.4.2", "pkg:pypi/tqdm");
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String deep = "a = " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    assertThatThrownBy(() -> read(deep))
        .isInstanceOf(MalformedRequirementsException.class)
        .hasMessageContaining("not valid TOML");
  }

  @Test
  void badEntriesAreListedByPosition() {
    assertThatThrownBy(
            () -> read("[[package]]\nname = 3\n[[package]]\nname = \"ok\"\nversion = \"a b\"\n"))
        .isInstanceOf(MalformedRequirementsException.class)
        .hasMessageContaining("package entry 1 has no name")
        .hasMessageContaining("package entry 2 not a Python package version");
  }

  @Test
  void aFileWithoutPackageTablesIsNotALockFile() {
    assertThatThrownBy(() -> read("torch==2.1.0\n"))
        .isInstanceOf(MalformedRequirementsException.class);
    assertThatThrownBy(() -> read("[tool.poetry]\nname = \"x\"\n"))
        .isInstanceOf(MalformedRequirementsException.class)
        .hasMessageContaining("no [[package]]");
  }

  @Test
  void sizeAndCountLimitsHold() {
    RequirementsLimits tiny = new RequirementsLimits(64, 10, 10, 1);
    assertThatThrownBy(() -> LockFileReader.read(new byte[65], tiny))
        .hasMessageContaining("more than the limit");
    byte[] two =
        "[[package]]\nname = \"a\"\n[[package]]\nname = \"b\"\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> LockFileReader.read(two, tiny)).hasMessageContaining("more than 1");
  }

  @Test
  void lockFilesAreKnownByName() {
    assertThat(LockFileReader.isLockFile("poetry.lock")).isTrue();
    assertThat(LockFileReader.isLockFile("uv.lock")).isTrue();
    assertThat(LockFileReader.isLockFile("pylock.toml")).isTrue();
    assertThat(LockFileReader.isLockFile("pylock.dev.toml")).isTrue();
    assertThat(LockFileReader.isLockFile("requirements.txt")).isFalse();
    assertThat(LockFileReader.isLockFile("pyproject.toml")).isFalse();
  }

  @Test
  void aFileOfCountlessTinyKeysIsRefusedBeforeItsTreeIsBuilt() {
    byte[] keys = "a=1\n".repeat(LockFileReader.MAX_STRUCTURE + 1).getBytes(StandardCharsets.UTF_8);
    assertThat(keys.length).isLessThan(DependencyFiles.LOCK_LIMITS.maxBytes());
    assertThatThrownBy(() -> LockFileReader.read(keys, DependencyFiles.LOCK_LIMITS))
        .isInstanceOf(MalformedRequirementsException.class)
        .hasMessageContaining("more than 500000 keys, values and tables");
  }
}
