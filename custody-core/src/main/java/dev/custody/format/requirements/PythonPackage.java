package dev.custody.format.requirements;

import dev.custody.internal.Untrusted;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Python package a model needs.
 *
 * @param name the PEP 503 normalized name: lower case, runs of {@code -_.} as one {@code -}
 * @param version the exact version when the requirement pins one ({@code ==1.2.3} or {@code
 *     ===1.2.3}), else {@code null}
 * @param specifier the version specifier as written when it does not pin one ({@code >=2.0}), or
 *     the empty string
 */
public record PythonPackage(String name, @Nullable String version, String specifier) {
  private static final Pattern NORMALIZED = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+!-]{0,63}");
  private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

  /** Checks the name is normalized and the version is a plain PEP 440 version text. */
  public PythonPackage {
    if (!NORMALIZED.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "not a normalized Python package name: " + Untrusted.quote(name));
    }
    if (version != null && !VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "not a Python package version: " + Untrusted.quote(version));
    }
  }

  /** {@code name} normalized as PEP 503 says. */
  public static String normalize(String name) {
    return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  /** The package URL: {@code pkg:pypi/torch@2.1.0}, or {@code pkg:pypi/torch} when unpinned. */
  public String purl() {
    return version == null ? "pkg:pypi/" + name : "pkg:pypi/" + name + "@" + encode(version);
  }

  /** Percent-encodes what a purl version may not hold as is ({@code +}, {@code !}). */
  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '-'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
