package dev.custody.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Digests and model paths are parsed from signatures and command lines, i.e. from strangers.
 * Parsing must be total (a value or IllegalArgumentException) and path order must be a real order.
 */
class ValueTypesFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parsingIsTotalAndOrderIsConsistent(FuzzedDataProvider data) {
    String first = data.consumeString(200);
    String second = data.consumeRemainingAsString();
    try {
      Digest digest = Digest.parse(first);
      assertThat(Digest.parse(digest.toString())).isEqualTo(digest);
    } catch (IllegalArgumentException expected) {
      // not a digest
    }
    ModelPath a;
    ModelPath b;
    try {
      a = new ModelPath(first);
      b = new ModelPath(second);
    } catch (IllegalArgumentException expected) {
      return;
    }
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
    assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(byComponentLists(a, b)));
  }

  /** The order the reference defines, spelled out: lists of components, each by code point. */
  static int byComponentLists(ModelPath a, ModelPath b) {
    java.util.List<String> x = a.components();
    java.util.List<String> y = b.components();
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      int c =
          java.util.Arrays.compare(
              x.get(i).codePoints().toArray(), y.get(i).codePoints().toArray());
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  }
}
