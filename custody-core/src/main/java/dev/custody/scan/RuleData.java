package dev.custody.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the rule data files shipped in the jar. A missing or broken file is a build error. */
final class RuleData {
  private static final int MAX_FILE = 1 << 20;

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
      rows.add(stripped.split("\\s+", fields));
    }
    return rows;
  }
}
