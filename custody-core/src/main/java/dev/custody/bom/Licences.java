package dev.custody.bom;

import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.util.LicenseResolver;
import org.jspecify.annotations.Nullable;

/**
 * Licence names as a model card writes them ({@code apache-2.0}, {@code mit}, {@code llama2})
 * turned into SPDX: one place, so the CycloneDX BOM, the SPDX BOM and the evidence a policy reads
 * agree.
 */
public final class Licences {
  private Licences() {}

  /** The SPDX licence id CycloneDX's licence list resolves {@code name} to, or {@code null}. */
  static @Nullable String spdxId(String name) {
    LicenseChoice resolved = LicenseResolver.resolve(name, false);
    if (resolved == null || resolved.getLicenses() == null || resolved.getLicenses().size() != 1) {
      return null;
    }
    return resolved.getLicenses().get(0).getId();
  }

  /**
   * An SPDX licence id when the name is a known licence ({@code apache-2.0} gives {@code
   * Apache-2.0}), else a {@code LicenseRef-} naming the card's text, so that an allow-list of SPDX
   * ids never matches a licence it does not know.
   */
  public static String spdxExpression(String name) {
    String id = spdxId(name);
    if (id != null) {
      return id;
    }
    String ref = name.replaceAll("[^A-Za-z0-9.-]+", "-");
    return "LicenseRef-" + (ref.isEmpty() ? "unknown" : ref);
  }
}
