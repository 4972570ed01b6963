package dev.custody.format.requirements;

import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pip requirements file or {@code pip freeze} output. Comments, blank lines, line
 * continuations, extras, environment markers and per-requirement options ({@code --hash=...}) are
 * understood; includes ({@code -r}, {@code -c}), editable installs and bare paths or URLs name no
 * package by themselves and are reported as {@link Requirements.Skipped skipped}. Every line that
 * is none of these is an error, reported with its line number (the first few, then a count).
 */
public final class RequirementsReader {
  private static final Pattern NAME =
      Pattern.compile("([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(\\[[^\\]]*\\])?\\s*(.*)");
  private static final Pattern CLAUSE =
      Pattern.compile("\\s*(===|~=|==|!=|<=|>=|<|>)\\s*(\\S+)\\s*");
  private static final Set<String> GLOBAL_OPTIONS =
      Set.of(
          "-i",
          "--index-url",
          "--extra-index-url",
          "--no-index",
          "-f",
          "--find-links",
          "--trusted-host",
          "--pre",
          "--prefer-binary",
          "--require-hashes",
          "--only-binary",
          "--no-binary",
          "--use-feature",
          "--hash",
          "--config-settings");
  private static final int MAX_REPORTED = 5;

  private final RequirementsLimits limits;
  private final List<PythonPackage> packages = new ArrayList<>();
  private final List<Requirements.Skipped> skipped = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private int problemCount;

  private RequirementsReader(RequirementsLimits limits) {
    this.limits = limits;
  }

  /**
   * Reads {@code text} (UTF-8).
   *
   * @throws MalformedRequirementsException if it is not UTF-8, exceeds a limit, or has lines that
   *     are not requirements (the message lists them by number)
   */
  public static Requirements read(byte[] text, RequirementsLimits limits)
      throws MalformedRequirementsException {
    if (text.length > limits.maxBytes()) {
      throw new MalformedRequirementsException(
          "the requirements file is "
              + text.length
              + " bytes, more than the limit of "
              + limits.maxBytes());
    }
    RequirementsReader reader = new RequirementsReader(limits);
    reader.readLines(decode(text));
    return reader.result();
  }

  static String decode(byte[] text) throws MalformedRequirementsException {
    if (text.length >= 2
        && ((text[0] == (byte) 0xff && text[1] == (byte) 0xfe)
            || (text[0] == (byte) 0xfe && text[1] == (byte) 0xff))) {
      throw new MalformedRequirementsException(
          "the requirements file is UTF-16 (as PowerShell's '>' writes it); save it as UTF-8,"
              + " e.g. pip freeze | Out-File -Encoding utf8 requirements.txt");
    }
    try {
      String decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(text))
              .toString();
      return decoded.startsWith("\uFEFF") ? decoded.substring(1) : decoded;
    } catch (CharacterCodingException e) {
      throw new MalformedRequirementsException(
          "the requirements file is not UTF-8 text; save it as UTF-8", e);
    }
  }

  private void readLines(String text) throws MalformedRequirementsException {
    String[] lines = text.split("\n", -1);
    if (lines.length > limits.maxLines()) {
      throw new MalformedRequirementsException(
          "the requirements file has more than " + limits.maxLines() + " lines");
    }
    StringBuilder logical = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (logical.isEmpty()) {
        start = i + 1;
      }
      if (logical.length() + line.length() > limits.maxLineLength()) {
        throw new MalformedRequirementsException(
            "line " + start + " is longer than " + limits.maxLineLength() + " characters");
      }
      if (line.endsWith("\\") && !isComment(line)) {
        logical.append(line, 0, line.length() - 1);
        continue;
      }
      logical.append(line);
      line(start, logical.toString());
      logical.setLength(0);
    }
    if (!logical.isEmpty()) {
      line(start, logical.toString());
    }
  }

  private static boolean isComment(String line) {
    return line.strip().startsWith("#");
  }

  private void line(int number, String raw) throws MalformedRequirementsException {
    String line = stripComment(raw).strip();
    if (line.isEmpty()) {
      return;
    }
    if (line.startsWith("-")) {
      option(number, line);
      return;
    }
    if (line.startsWith(".")
        || line.startsWith("/")
        || (line.contains("://") && !line.contains("@"))) {
      skipped.add(new Requirements.Skipped(number, "a path or URL without a package name"));
      return;
    }
    requirement(number, withoutOptions(line));
  }

  /** pip treats {@code #} as a comment at the start or after whitespace, not inside a URL. */
  private static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private void option(int number, String line) {
    String flag = line.split("[\\s=]", 2)[0];
    switch (flag) {
      case "-r", "--requirement", "-c", "--constraint" ->
          skipped.add(
              new Requirements.Skipped(
                  number, "includes another file; give it with its own --requirements"));
      case "-e", "--editable" ->
          skipped.add(
              new Requirements.Skipped(number, "an editable install; its version is not pinned"));
      default -> {
        if (!GLOBAL_OPTIONS.contains(flag)) {
          skipped.add(
              new Requirements.Skipped(number, "an unknown pip option " + Untrusted.quote(flag)));
        }
      }
    }
  }

  /** Drops per-requirement options such as {@code --hash=sha256:...}. */
  private static String withoutOptions(String line) {
    Matcher option = Pattern.compile("\\s--?[A-Za-z]").matcher(line);
    return option.find() ? line.substring(0, option.start()).strip() : line;
  }

  private void requirement(int number, String line) throws MalformedRequirementsException {
    Matcher name = NAME.matcher(dropMarker(line));
    if (!name.matches()) {
      problem(number, "does not start with a package name", line);
      return;
    }
    String rest = name.group(3).strip();
    String normalized = PythonPackage.normalize(name.group(1));
    if (rest.startsWith("@")) {
      add(number, new PythonPackage(normalized, null, ""));
      return;
    }
    if (rest.startsWith("(") && rest.endsWith(")")) {
      rest = rest.substring(1, rest.length() - 1).strip();
    }
    if (rest.isEmpty()) {
      add(number, new PythonPackage(normalized, null, ""));
      return;
    }
    specifiers(number, normalized, rest, line);
  }

  /** The requirement without its environment marker ({@code ; python_version < "3.10"}). */
  private static String dropMarker(String line) {
    int at = line.indexOf('@');
    int from = at < 0 ? 0 : at;
    int semicolon = line.indexOf(';', from);
    return semicolon < 0 ? line : line.substring(0, semicolon).strip();
  }

  private void specifiers(int number, String name, String text, String line)
      throws MalformedRequirementsException {
    String[] clauses = text.split(",", -1);
    String pinned = null;
    for (String clause : clauses) {
      Matcher m = CLAUSE.matcher(clause);
      if (!m.matches()) {
        problem(number, "has a version specifier that is not OPERATOR VERSION", line);
        return;
      }
      String operator = m.group(1);
      String version = m.group(2);
      if (!PythonPackage.VERSION.matcher(version.replace("*", "0")).matches()) {
        problem(number, "has a version that is not a PEP 440 version", line);
        return;
      }
      // A wildcard pins nothing, whatever the operator (found by fuzzing: "===1.0+l!*").
      boolean exact = !version.contains("*") && (operator.equals("===") || operator.equals("=="));
      if (exact && clauses.length == 1) {
        pinned = version;
      }
    }
    add(number, new PythonPackage(name, pinned, pinned == null ? text.strip() : ""));
  }

  private void add(int number, PythonPackage pkg) throws MalformedRequirementsException {
    if (packages.size() == limits.maxPackages()) {
      throw new MalformedRequirementsException(
          "line " + number + ": more than " + limits.maxPackages() + " requirements");
    }
    packages.add(pkg);
  }

  private void problem(int number, String what, String line) {
    if (problemCount++ < MAX_REPORTED) {
      problems.add("line " + number + " " + what + " (" + Untrusted.quote(line) + ")");
    }
  }

  private Requirements result() throws MalformedRequirementsException {
    if (problemCount > 0) {
      String more =
          problemCount > MAX_REPORTED ? "; and " + (problemCount - MAX_REPORTED) + " more" : "";
      throw new MalformedRequirementsException(
          "the requirements file has "
              + problemCount
              + (problemCount == 1 ? " line" : " lines")
              + " that pip would not read: "
              + String.join("; ", problems)
              + more
              + ". Each line should be NAME, NAME==VERSION or NAME>=VERSION, as pip freeze writes");
    }
    return new Requirements(packages, skipped);
  }
}
