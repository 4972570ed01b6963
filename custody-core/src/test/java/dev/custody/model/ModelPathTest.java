package dev.custody.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelPathTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "/abs", "a//b", "a/", "./a", "a/./b", "a/../b", "..", "a\0b"})
  void rejectsPathsThatAreNotNormalizedAndRelative(String text) {
    assertThatThrownBy(() -> new ModelPath(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a path inside a model: ")
        .hasMessageContaining("expected a relative POSIX path");
  }

  @Test
  void escapesControlCharactersInItsMessage() {
    assertThatThrownBy(() -> new ModelPath("/\u001b[2Jx"))
        .hasMessageStartingWith("not a path inside a model: '/\\u{001b}[2Jx'");
  }

  @Test
  void sortsByComponentThenByCodePoint() {
    List<ModelPath> paths =
        new ArrayList<>(
            List.of(
                new ModelPath("a.txt"),
                new ModelPath("a/b.txt"),
                new ModelPath("\uD83D\uDE00"),
                new ModelPath("\uFFFD"),
                new ModelPath("B"),
                new ModelPath("a")));
    paths.sort(null);
    assertThat(paths)
        .extracting(ModelPath::value)
        .containsExactly("B", "a", "a/b.txt", "a.txt", "\uFFFD", "\uD83D\uDE00");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "a/x, a-b",
    "ab/c, a/c",
    "a, a/b",
    "a/b, a/b/c",
    "a.txt, a/b.txt",
    "x/\uFFFD, x/\uD83D\uDE00",
    "A/z, a",
    ".,a"
  })
  void unsplitOrderAgreesWithComparingComponentLists(String left, String right) {
    ModelPath a = new ModelPath(left.translateEscapes());
    ModelPath b = new ModelPath(right.translateEscapes());
    int want = Integer.signum(ValueTypesFuzzTest.byComponentLists(a, b));
    assertThat(want).isNotZero();
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(want);
    assertThat(Integer.signum(b.compareTo(a))).isEqualTo(-want);
  }

  @Test
  void rootHasNoComponents() {
    assertThat(ModelPath.ROOT.components()).isEmpty();
    assertThat(new ModelPath("a/b").components()).containsExactly("a", "b");
  }

  @Test
  void isSameOrBelowMatchesWholeComponentsOnly() {
    ModelPath dir = new ModelPath("dir");
    assertThat(new ModelPath("dir").isSameOrBelow(dir)).isTrue();
    assertThat(new ModelPath("dir/x").isSameOrBelow(dir)).isTrue();
    assertThat(new ModelPath("dirty").isSameOrBelow(dir)).isFalse();
  }
}
