package dev.custody.evidence;

/**
 * A software dependency the bill of materials lists.
 *
 * @param name the package name
 * @param version its version (empty when unpinned)
 * @param purl its package URL, e.g. {@code pkg:pypi/torch@2.3.0} (empty when unknown)
 */
public record DependencyEvidence(String name, String version, String purl) {
  /** Checks the texts. */
  public DependencyEvidence {
    Texts.requireText("a dependency's name", name);
    Texts.requireBounded("a dependency's version", version);
    Texts.requireBounded("a dependency's purl", purl);
    if (!purl.isEmpty() && !purl.startsWith("pkg:")) {
      throw new IllegalArgumentException(
          "a package URL starts with pkg: (got "
              + dev.custody.internal.Untrusted.quote(purl)
              + ")");
    }
  }
}
