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
  private static final Pattern PURL = Pattern.compile("pkg:[a-z][a-z0-9.+-]*/[^@\\s]+@\\S+");

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

  /** A pinned Python package, by its package URL ({@code pkg:pypi/torch@2.1.0}). */
  public static ResolvedDependency pythonPackage(String purl) {
    return new ResolvedDependency(DependencyKind.PYTHON_PACKAGE, ResourceDescriptor.at(purl(purl)));
  }

  /**
   * A framework version read from the model's own files, by its package URL ({@code
   * pkg:pypi/transformers@4.41.0}); {@code source} says which file and field it came from.
   */
  public static ResolvedDependency framework(String purl, String source) {
    return new ResolvedDependency(
        DependencyKind.FRAMEWORK,
        ResourceDescriptor.at(purl(purl)).withAnnotation("source", source));
  }

  private static String purl(String purl) {
    if (!PURL.matcher(purl).matches()) {
      throw new IllegalArgumentException(
          "not a versioned package URL: "
              + Untrusted.quote(purl)
              + " (expected pkg:TYPE/NAME@VERSION)");
    }
    return purl;
  }
}
