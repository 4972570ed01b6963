package dev.custody.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the rule data files shipped in the jar. A missing or broken file is a build error. */
final class RuleData {
  private static final int MAX_FILE = 1 << 20;

  /**
   * Compiled once: {@code String.split("\\s+")} compiles the pattern again for every line, and the
   * rule lists have about 2,500 lines, read at every start.
   */
  private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\s+");

  private RuleData() {}

  static String text(String name) {
    try (InputStream in = RuleData.class.getResourceAsStream("rules/" + name)) {
      if (in == null) {
        throw new IllegalStateException("rule data rules/" + name + " is missing from the jar");
      }
      return new String(in.readNBytes(MAX_FILE), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Non-blank, non-comment lines split on whitespace into at most {@code fields} fields. */
  static List<String[]> rows(String name, int fields) {
    List<String[]> rows = new ArrayList<>();
    for (String line : text(name).split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      rows.add(FIELD_SEPARATOR.split(stripped, fields));
    }
    return rows;
  }
}
