package dev.custody.model;

import dev.custody.internal.Untrusted;
import java.util.Arrays;
import java.util.List;

/**
 * A path inside a model, relative to the model's root, in POSIX form ({@code tokenizer/vocab.txt}).
 * The model itself, when it is a single file, is {@link #ROOT} ({@code "."}).
 *
 * <p>Paths order the way the reference OMS implementation sorts them: component by component, each
 * component by Unicode code point. So {@code a/b.txt} comes before {@code a.txt} (plain string
 * order says the opposite), and an astral character sorts after every BMP character.
 *
 * @param value the path text
 */
public record ModelPath(String value) implements Comparable<ModelPath> {
  /** The name OMS gives the only resource of a single-file model. */
  public static final ModelPath ROOT = new ModelPath(".");

  /** Checks that {@code value} is {@code "."} or a normalized relative POSIX path. */
  public ModelPath {
    if (!value.equals(".")) {
      checkRelative(value);
    }
  }

  private static void checkRelative(String value) {
    String problem = null;
    if (value.isEmpty()) {
      problem = "it is empty";
    } else if (value.startsWith("/")) {
      problem = "it is absolute";
    } else if (value.indexOf('\0') >= 0) {
      problem = "it contains a NUL character";
    } else {
      for (String part : value.split("/", -1)) {
        if (part.isEmpty() || part.equals(".") || part.equals("..")) {
          problem = "it has an empty, '.' or '..' component";
          break;
        }
      }
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "not a path inside a model: "
              + Untrusted.quote(value)
              + " ("
              + problem
              + "; expected a relative POSIX path such as 'tokenizer/vocab.txt')");
    }
  }

  /** The path's components; none for {@link #ROOT}. */
  public List<String> components() {
    return value.equals(".") ? List.of() : Arrays.asList(value.split("/", -1));
  }

  /** Whether this path is {@code other} or lies below it. */
  public boolean isSameOrBelow(ModelPath other) {
    return value.equals(other.value) || value.startsWith(other.value + "/");
  }

  @Override
  public int compareTo(ModelPath other) {
    return compareByComponent(value, other.value);
  }

  /**
   * Component-wise code-point order without splitting: it is plain code-point order with the
   * separator {@code '/'} ranked below every other character. Since no component is empty, a
   * shorter component then sorts first ({@code "a/x" < "a-b"}), exactly as comparing the lists of
   * components would.
   */
  static int compareByComponent(String a, String b) {
    if (a.equals(".") || b.equals(".")) {
      // The root has no components, so it sorts before every other path.
      return Boolean.compare(!a.equals("."), !b.equals("."));
    }
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(rank(ca), rank(cb));
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static int rank(int codePoint) {
    return codePoint == '/' ? -1 : codePoint;
  }

  @Override
  public String toString() {
    return value;
  }
}
