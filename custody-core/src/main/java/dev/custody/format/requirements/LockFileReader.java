package dev.custody.format.requirements;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.custody.internal.Untrusted;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the Python lock files that pin a whole environment: {@code poetry.lock} and {@code uv.lock}
 * ({@code [[package]]} tables) and PEP 751 {@code pylock.toml} ({@code [[packages]]}). Each entry's
 * {@code name} and {@code version} become a package; an entry that is the project itself or a local
 * folder (uv's {@code editable}, {@code virtual}, {@code directory} or {@code path} sources) is
 * reported as skipped, since it is no published package. The TOML is parsed by Jackson's TOML
 * parser under tight stream constraints, after the size check; anything else in the file is not
 * looked at.
 */
public final class LockFileReader {
  private static final Pattern LOCK_NAME =
      Pattern.compile("(?:[^/\\\\]*\\.lock|pylock(?:\\.[^/\\\\]+)?\\.toml)");
  private static final List<String> LOCAL_SOURCES =
      List.of("editable", "virtual", "directory", "path");
  private static final int MAX_REPORTED = 5;

  /** Keys, values, tables and elements at most (uv.lock for a large project has ~50,000). */
  static final int MAX_STRUCTURE = 500_000;

  private static final TomlMapper TOML =
      new TomlMapper(
          TomlFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(32)
                      .maxStringLength(1 << 16)
                      .maxNumberLength(64)
                      .maxNameLength(1 << 10)
                      .build())
              .build());

  private final RequirementsLimits limits;
  private final List<PythonPackage> packages = new ArrayList<>();
  private final List<Requirements.Skipped> skipped = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private int problemCount;

  private LockFileReader(RequirementsLimits limits) {
    this.limits = limits;
  }

  /** Whether a file of this name is a lock file ({@code *.lock}, {@code pylock*.toml}). */
  public static boolean isLockFile(String fileName) {
    return LOCK_NAME.matcher(fileName.toLowerCase(Locale.ROOT)).matches();
  }

  /**
   * Reads {@code toml} (UTF-8). Skipped entries carry their 1-based position among the package
   * entries in place of a line number.
   *
   * @throws MalformedRequirementsException if it is not UTF-8 TOML within the limits, has no
   *     package tables, or has entries without a valid name or version (listed)
   */
  public static Requirements read(byte[] toml, RequirementsLimits limits)
      throws MalformedRequirementsException {
    if (toml.length > limits.maxBytes()) {
      throw new MalformedRequirementsException(
          "the lock file is "
              + toml.length
              + " bytes, more than the limit of "
              + limits.maxBytes());
    }
    String text = RequirementsReader.decode(toml);
    checkStructure(text);
    JsonNode root = parse(text);
    JsonNode entries = root.has("packages") ? root.get("packages") : root.get("package");
    if (entries == null || !entries.isArray()) {
      throw new MalformedRequirementsException(
          "the lock file has no [[package]] (poetry.lock, uv.lock) or [[packages]] (pylock.toml)"
              + " tables; give a lock file written by poetry, uv or pip, or a requirements file");
    }
    if (entries.size() > limits.maxPackages()) {
      throw new MalformedRequirementsException(
          "the lock file lists more than " + limits.maxPackages() + " packages");
    }
    LockFileReader reader = new LockFileReader(limits);
    for (int i = 0; i < entries.size(); i++) {
      reader.entry(i + 1, entries.get(i));
    }
    return reader.result();
  }

  /**
   * Jackson builds the whole tree before anything here looks at it, and a tree costs far more
   * memory than its text: 16 MiB of {@code a=1} lines would outgrow the launcher's heap. Every key,
   * value, table and array element needs one of the characters = , [ and {, so counting them
   * (strings included, which only overcounts) bounds the tree before it is built.
   */
  private static void checkStructure(String text) throws MalformedRequirementsException {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '=' || c == ',' || c == '[' || c == '{') && ++count > MAX_STRUCTURE) {
        throw new MalformedRequirementsException(
            "the lock file has more than "
                + MAX_STRUCTURE
                + " keys, values and tables; a real lock file has far fewer");
      }
    }
  }

  private static JsonNode parse(String text) throws MalformedRequirementsException {
    try {
      JsonNode root = TOML.readTree(text);
      if (root == null || !root.isObject()) {
        throw new MalformedRequirementsException("the lock file is empty");
      }
      return root;
    } catch (JacksonException e) {
      throw new MalformedRequirementsException(
          "the lock file is not valid TOML: " + Untrusted.escape(e.getOriginalMessage()), e);
    }
  }

  private void entry(int position, JsonNode entry) {
    if (!entry.isObject()) {
      problem(position, "is not a table");
      return;
    }
    JsonNode name = entry.get("name");
    if (name == null || !name.isTextual()) {
      problem(position, "has no name");
      return;
    }
    String normalized = PythonPackage.normalize(name.asText());
    JsonNode source = entry.get("source");
    if (source != null && source.isObject()) {
      for (String local : LOCAL_SOURCES) {
        if (source.has(local)) {
          skipped.add(
              new Requirements.Skipped(
                  position,
                  Untrusted.quote(normalized)
                      + " comes from a local "
                      + local
                      + " source (the project itself or a folder), not a published package"));
          return;
        }
      }
    }
    JsonNode version = entry.get("version");
    if (version != null && !version.isTextual()) {
      problem(position, "has a version that is not a string");
      return;
    }
    try {
      add(new PythonPackage(normalized, version == null ? null : version.asText(), ""));
    } catch (IllegalArgumentException e) {
      problem(position, String.valueOf(e.getMessage()));
    }
  }

  private void add(PythonPackage pkg) {
    if (packages.size() < limits.maxPackages()) {
      packages.add(pkg);
    }
  }

  private void problem(int position, String what) {
    problemCount++;
    if (problems.size() < MAX_REPORTED) {
      problems.add("package entry " + position + " " + what);
    }
  }

  private Requirements result() throws MalformedRequirementsException {
    if (problemCount > 0) {
      String more =
          problemCount > problems.size()
              ? " (and " + (problemCount - problems.size()) + " more)"
              : "";
      throw new MalformedRequirementsException(
          "the lock file has entries custody cannot read: " + String.join("; ", problems) + more);
    }
    return new Requirements(packages, skipped);
  }
}
