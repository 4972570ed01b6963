package dev.custody.digest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.model.Manifest;
import dev.custody.model.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * Manifests as comparable lines, {@code "<name> <algorithm> <digest>"}, so a failed comparison with
 * a reference manifest shows exactly which resource differs.
 */
final class ManifestRows {
  private ManifestRows() {}

  static List<String> of(Manifest manifest) {
    List<String> rows = new ArrayList<>();
    for (Resource resource : manifest.resources()) {
      rows.add(
          resource.name()
              + " "
              + manifest.serialization().resourceAlgorithm()
              + " "
              + resource.digest().hex());
    }
    return rows;
  }

  /** The same lines from a JSON {@code resources} array, as OMS predicates write it. */
  static List<String> of(JsonNode resources) {
    List<String> rows = new ArrayList<>();
    for (JsonNode resource : resources) {
      rows.add(
          resource.get("name").asText()
              + " "
              + resource.get("algorithm").asText()
              + " "
              + resource.get("digest").asText());
    }
    return rows;
  }
}
