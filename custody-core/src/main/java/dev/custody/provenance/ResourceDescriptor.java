package dev.custody.provenance;

import dev.custody.internal.Untrusted;
import dev.custody.model.Bytes;
import dev.custody.model.Digest;
import dev.custody.model.HashAlgorithm;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An in-toto v1 ResourceDescriptor: one artifact, named by any of a URI, digests and its content.
 * Custody's annotations are plain strings (the in-toto format allows any JSON there).
 *
 * @param name a name for people (a file or folder name, a package name)
 * @param uri where the resource is identified (a package URL, a git URL with revision)
 * @param digest digests by algorithm name ({@code sha256}, {@code gitCommit}...), lowercase hex
 * @param content the resource's bytes, for small byproducts such as a metrics file
 * @param downloadLocation where the resource can be fetched, if not {@code uri}
 * @param mediaType the content's media type
 * @param annotations further facts, by name
 */
public record ResourceDescriptor(
    @Nullable String name,
    @Nullable String uri,
    SortedMap<String, String> digest,
    @Nullable Bytes content,
    @Nullable String downloadLocation,
    @Nullable String mediaType,
    SortedMap<String, String> annotations) {
  private static final Pattern ALGORITHM = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
  private static final Pattern HEX = Pattern.compile("(?:[0-9a-f]{2}){1,128}");

  /** The most digests or annotations on one resource. */
  public static final int MAX_ENTRIES = 64;

  /** Checks the fields and copies the maps. */
  public ResourceDescriptor {
    if (uri == null && digest.isEmpty() && content == null) {
      throw new IllegalArgumentException(
          "a resource descriptor needs at least one of uri, digest and content");
    }
    check(name, "a resource name");
    check(uri, "a resource URI");
    check(downloadLocation, "a download location");
    check(mediaType, "a media type");
    if (digest.size() > MAX_ENTRIES || annotations.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "a resource has more than " + MAX_ENTRIES + " digests or annotations");
    }
    for (Map.Entry<String, String> entry : digest.entrySet()) {
      if (!ALGORITHM.matcher(entry.getKey()).matches()) {
        throw new IllegalArgumentException(
            "digest algorithm " + Untrusted.quote(entry.getKey()) + " is not a plain name");
      }
      if (!HEX.matcher(entry.getValue()).matches()) {
        throw new IllegalArgumentException(
            "the "
                + Untrusted.escape(entry.getKey())
                + " digest "
                + Untrusted.quote(entry.getValue())
                + " is not lowercase hex");
      }
    }
    for (Map.Entry<String, String> entry : annotations.entrySet()) {
      Checks.text(entry.getKey(), "an annotation name");
      Checks.text(entry.getValue(), "annotation " + Untrusted.quote(entry.getKey()));
    }
    if (digest.containsKey("sha256")) {
      new Digest(HashAlgorithm.SHA256, digest.get("sha256"));
    }
    digest = Collections.unmodifiableSortedMap(new TreeMap<>(digest));
    annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
  }

  private static void check(@Nullable String value, String what) {
    if (value != null) {
      Checks.text(value, what);
    }
  }

  /** A resource known by its name and SHA-256 digest (a dataset, a model, a file). */
  public static ResourceDescriptor named(@Nullable String name, Digest sha256) {
    if (sha256.algorithm() != HashAlgorithm.SHA256) {
      throw new IllegalArgumentException("expected a sha256 digest, not " + sha256);
    }
    return new ResourceDescriptor(
        name, null, digests("sha256", sha256.hex()), null, null, null, new TreeMap<>());
  }

  /** A resource known by its URI alone (a package URL). */
  public static ResourceDescriptor at(String uri) {
    return new ResourceDescriptor(null, uri, new TreeMap<>(), null, null, null, new TreeMap<>());
  }

  /** The SHA-256 digest, if the resource has one. */
  public Optional<Digest> sha256() {
    String hex = digest.get("sha256");
    return hex == null ? Optional.empty() : Optional.of(new Digest(HashAlgorithm.SHA256, hex));
  }

  /** This resource with annotation {@code key} set to {@code value}. */
  public ResourceDescriptor withAnnotation(String key, String value) {
    SortedMap<String, String> more = new TreeMap<>(annotations);
    more.put(key, value);
    return new ResourceDescriptor(name, uri, digest, content, downloadLocation, mediaType, more);
  }

  /** This resource without annotation {@code key}. */
  public ResourceDescriptor withoutAnnotation(String key) {
    SortedMap<String, String> fewer = new TreeMap<>(annotations);
    fewer.remove(key);
    return new ResourceDescriptor(name, uri, digest, content, downloadLocation, mediaType, fewer);
  }

  /** A one-entry digest set. */
  public static SortedMap<String, String> digests(String algorithm, String hex) {
    SortedMap<String, String> digests = new TreeMap<>();
    digests.put(algorithm, hex);
    return digests;
  }

  /** The best short description for people: name, else URI, else the SHA-256 digest. */
  public String describe() {
    if (name != null) {
      return name;
    }
    if (uri != null) {
      return uri;
    }
    return sha256().map(Digest::toString).orElse("(content only)");
  }
}
