package dev.custody.sign;

import dev.custody.model.Manifest;
import dev.custody.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model on disk differs from its signed manifest, by resource name.
 *
 * @param added names on disk that the signature does not cover
 * @param removed signed names missing on disk
 * @param changed names whose content differs
 */
public record ManifestDiff(List<String> added, List<String> removed, List<String> changed) {
  /** How many names are listed in a message before "and N more". */
  private static final int LISTED = 5;

  /** Copies the lists. */
  public ManifestDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  /** Compares the signed manifest with the one made from disk. */
  public static ManifestDiff between(Manifest signed, Manifest actual) {
    Map<String, Resource> expected = new LinkedHashMap<>();
    for (Resource resource : signed.resources()) {
      expected.put(resource.name(), resource);
    }
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (Resource resource : actual.resources()) {
      Resource want = expected.remove(resource.name());
      if (want == null) {
        added.add(resource.name());
      } else if (!want.digest().equals(resource.digest())) {
        changed.add(resource.name());
      }
    }
    return new ManifestDiff(added, new ArrayList<>(expected.keySet()), changed);
  }

  /** Whether the model is exactly what was signed. */
  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  /** One line such as {@code 1 changed (config.json); 2 added (a.bin, b.bin)}. */
  public String summary() {
    List<String> parts = new ArrayList<>();
    part(parts, "changed", changed);
    part(parts, "added", added);
    part(parts, "removed", removed);
    return String.join("; ", parts);
  }

  private static void part(List<String> parts, String what, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    List<String> shown = new ArrayList<>();
    for (String name : names.subList(0, Math.min(LISTED, names.size()))) {
      shown.add(dev.custody.internal.Untrusted.quote(name));
    }
    String more = names.size() > LISTED ? ", and " + (names.size() - LISTED) + " more" : "";
    parts.add(names.size() + " " + what + " (" + String.join(", ", shown) + more + ")");
  }
}
