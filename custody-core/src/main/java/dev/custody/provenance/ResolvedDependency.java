package dev.custody.provenance;

import dev.custody.internal.Untrusted;
import dev.custody.model.Digest;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One input of a training run: what it is, and the resource descriptor that identifies it.
 *
 * @param kind dataset, base model, code, Python package or framework
 * @param resource the resource; its annotations never hold {@link DependencyKind#ANNOTATION}, which
 *     is {@code kind} on the wire
 */
public record ResolvedDependency(DependencyKind kind, ResourceDescriptor resource) {
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern PACKAGE =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9.+!_-]{1,128}");

  /** Checks that the resource fits its kind. */
  public ResolvedDependency {
    if (resource.annotations().containsKey(DependencyKind.ANNOTATION)) {
      throw new IllegalArgumentException(
          "the kind annotation is the dependency's kind, not part of its resource");
    }
    switch (kind) {
      case DATASET, BASE_MODEL -> {
        if (resource.sha256().isEmpty()) {
          throw new IllegalArgumentException(
              "a " + kind.wireName() + " is named by its sha256 root digest, and this has none");
        }
      }
      case CODE, PYTHON_PACKAGE, FRAMEWORK -> {
        if (resource.uri() == null) {
          throw new IllegalArgumentException("a " + kind.wireName() + " needs a URI");
        }
      }
    }
  }

  /** A dataset named by the root digest of its folder or file. */
  public static ResolvedDependency dataset(@Nullable String name, Digest rootDigest) {
    return new ResolvedDependency(
        DependencyKind.DATASET, ResourceDescriptor.named(name, rootDigest));
  }

  /** A base model named by its root digest. */
  public static ResolvedDependency baseModel(@Nullable String name, Digest rootDigest) {
    return new ResolvedDependency(
        DependencyKind.BASE_MODEL, ResourceDescriptor.named(name, rootDigest));
  }

  /**
   * Training code: {@code uri} at {@code revision}. A revision that is a full commit hash (40 or 64
   * hex characters) is also recorded as the {@code gitCommit} digest; a branch or tag name is not a
   * digest and is recorded only in the URI.
   */
  public static ResolvedDependency code(String uri, String revision) {
    Checks.text(uri, "a code URI");
    Checks.text(revision, "a code revision");
    String lower = revision.toLowerCase(Locale.ROOT);
    TreeMap<String, String> digest = new TreeMap<>();
    if (COMMIT.matcher(lower).matches()) {
      digest.put("gitCommit", lower);
    }
    String location = uri.contains("://") && !uri.startsWith("git+") ? "git+" + uri : uri;
    return new ResolvedDependency(
        DependencyKind.CODE,
        new ResourceDescriptor(
            null, location + "@" + revision, digest, null, null, null, new TreeMap<>()));
  }

  /**
   * A pinned Python package as the package URL {@code pkg:pypi/name@version}, the name normalized
   * as PyPI does (lowercase, runs of {@code -_.} as one {@code -}).
   */
  public static ResolvedDependency pythonPackage(String name, String version) {
    return new ResolvedDependency(
        DependencyKind.PYTHON_PACKAGE, ResourceDescriptor.at(pypiUrl(name, version)));
  }

  /**
   * A framework version read from the model's own files, e.g. {@code transformers} {@code 4.41.0}
   * from config.json; {@code source} says which file and field.
   */
  public static ResolvedDependency framework(String name, String version, String source) {
    return new ResolvedDependency(
        DependencyKind.FRAMEWORK,
        ResourceDescriptor.at(pypiUrl(name, version)).withAnnotation("source", source));
  }

  /** {@code pkg:pypi/<normalized name>@<version>}, with {@code +} percent-encoded. */
  public static String pypiUrl(String name, String version) {
    if (!PACKAGE.matcher(name).matches() || name.length() > 200) {
      throw new IllegalArgumentException("not a Python package name: " + Untrusted.quote(name));
    }
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "not a Python package version: " + Untrusted.quote(version));
    }
    String normalized = name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    return "pkg:pypi/" + normalized + "@" + version.replace("+", "%2B");
  }
}
