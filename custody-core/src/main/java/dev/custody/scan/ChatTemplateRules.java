package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.finding.Severity;
import dev.custody.format.gguf.JinjaLexer;
import dev.custody.format.gguf.JinjaLexer.Kind;
import dev.custody.format.gguf.JinjaLexer.Token;
import dev.custody.internal.Untrusted;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges a chat template (a Jinja2 program) by its tokens: the sandbox-escape patterns of
 * research/scanners.md §2 (CVE-2024-34359 and the published Jinja SSTI gadget chains), as
 * double-underscore names, code-execution names, attribute names built at render time, and Jinja
 * globals used as gadgets. Standard chat templates (Llama, Mistral, ChatML/Qwen, Gemma, Phi...)
 * index messages by literal keys, call a few filters and methods, and use none of these.
 */
final class ChatTemplateRules {
  /** Longest template analysed, in chars; real templates are a few kilobytes. */
  static final int MAX_TEMPLATE_CHARS = 1 << 20;

  /** Tokens analysed per template. */
  static final int MAX_TOKENS = 200_000;

  /** Findings kept per template. */
  static final int MAX_FINDINGS = 100;

  private static final Pattern DUNDER = Pattern.compile("__\\w+__");

  /** Modules and callables a template has no use for, as bare names. */
  private static final Set<String> CODE_NAMES =
      Set.of(
          "os",
          "subprocess",
          "popen",
          "eval",
          "exec",
          "execfile",
          "compile",
          "importlib",
          "import_module",
          "builtins",
          "getattr",
          "setattr",
          "delattr",
          "globals",
          "vars",
          "sys",
          "posix",
          "pty",
          "socket",
          "ctypes",
          "shutil",
          "marshal",
          "pickle",
          "commands",
          "catch_warnings",
          "breakpoint");

  /** The same, as attributes (after a dot, in a subscript or through attr): os.popen... */
  private static final Set<String> CODE_ATTRIBUTES =
      Set.of(
          "os",
          "subprocess",
          "popen",
          "system",
          "eval",
          "exec",
          "import_module",
          "modules",
          "builtins",
          "getattr",
          "globals",
          "load_module",
          "check_output",
          "check_call",
          "Popen",
          "spawnv",
          "execv",
          "mro",
          "subclasses",
          "catch_warnings",
          "f_globals",
          "f_locals",
          "f_back",
          "gi_frame",
          "gi_code",
          "cr_frame",
          "co_code",
          "func_globals",
          "tb_frame",
          "_module");

  /** String literals that name code execution outright. */
  private static final Set<String> CODE_STRINGS =
      Set.of(
          "os",
          "subprocess",
          "popen",
          "eval",
          "exec",
          "builtins",
          "posix",
          "sys",
          "commands",
          "pty",
          "importlib",
          "import_module",
          "getattr",
          "check_output",
          "Popen",
          "system(");

  /** Jinja (and Flask) globals whose functions reach __globals__. */
  private static final Set<String> GADGETS =
      Set.of(
          "cycler",
          "joiner",
          "lipsum",
          "namespace",
          "self",
          "request",
          "config",
          "url_for",
          "get_flashed_messages");

  /** Gadgets real templates use bare: {@code namespace(...)} holds loop state. */
  private static final Set<String> ORDINARY_GADGETS = Set.of("namespace");

  /** Filters and methods that build strings. */
  private static final Set<String> STRING_BUILDERS =
      Set.of(
          "format",
          "join",
          "replace",
          "reverse",
          "lower",
          "upper",
          "string",
          "center",
          "title",
          "capitalize",
          "decode",
          "chr",
          "fromhex");

  private static final Set<String> LOADERS = Set.of("include", "import", "extends", "from");

  private final RuleBook rules;
  private final String container;
  private final Map<String, Finding> findings = new LinkedHashMap<>();
  private final Set<String> built = new HashSet<>();

  private ChatTemplateRules(RuleBook rules, String container) {
    this.rules = rules;
    this.container = container;
  }

  /**
   * The findings for {@code template}, located inside {@code container} (e.g. {@code metadata
   * tokenizer.chat_template}); offsets are char offsets in the template.
   */
  static List<Finding> judge(RuleBook rules, String container, String template) {
    ChatTemplateRules judge = new ChatTemplateRules(rules, container);
    if (template.length() > MAX_TEMPLATE_CHARS) {
      judge.add(
          FormatRule.GGUF_TEMPLATE_UNREADABLE,
          null,
          0,
          "length",
          "The template is "
              + template.length()
              + " chars long; custody analyses up to "
              + MAX_TEMPLATE_CHARS
              + ".");
      template = template.substring(0, MAX_TEMPLATE_CHARS);
    }
    JinjaLexer.Tokens tokens = JinjaLexer.tokenize(template, MAX_TOKENS);
    judge.tags(tokens.tokens());
    String error = tokens.error();
    if (error != null) {
      judge.add(
          FormatRule.GGUF_TEMPLATE_UNREADABLE,
          null,
          Math.max(0, tokens.errorOffset()),
          "syntax",
          "The template breaks off: " + error + ".");
    }
    return new ArrayList<>(judge.findings.values());
  }

  private void tags(List<Token> all) {
    int start = -1;
    for (int i = 0; i < all.size(); i++) {
      Token t = all.get(i);
      if (t.kind() == Kind.TAG_START) {
        start = i + 1;
      } else if (t.kind() == Kind.TAG_END && start >= 0) {
        tag(all.subList(start, i), all.get(start - 1).text().startsWith("{%"));
        start = -1;
      }
    }
    if (start >= 0) {
      tag(all.subList(start, all.size()), all.get(start - 1).text().startsWith("{%"));
    }
  }

  private void tag(List<Token> tokens, boolean statement) {
    if (statement && !tokens.isEmpty() && tokens.get(0).kind() == Kind.NAME) {
      String keyword = tokens.get(0).text();
      if (LOADERS.contains(keyword)) {
        add(
            FormatRule.GGUF_TEMPLATE_LOADS_TEMPLATES,
            null,
            tokens.get(0).offset(),
            keyword,
            "The template uses '" + keyword + "'.");
      }
      if (keyword.equals("set")
          && tokens.size() > 2
          && tokens.get(1).kind() == Kind.NAME
          && buildsStrings(tokens.subList(2, tokens.size()))) {
        built.add(tokens.get(1).text());
      }
    }
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      boolean afterDot = i > 0 && is(tokens.get(i - 1), ".");
      switch (t.kind()) {
        case NAME -> name(tokens, i, afterDot);
        case STRING -> string(tokens, i);
        case OPERATOR -> {
          if (t.text().equals("[")) {
            subscript(tokens, i);
          } else if (t.text().equals("|")
              && i + 1 < tokens.size()
              && tokens.get(i + 1).text().equals("attr")) {
            attr(tokens, i + 1);
          }
        }
        case TAG_START, TAG_END, NUMBER -> {}
      }
    }
  }

  private void name(List<Token> tokens, int i, boolean afterDot) {
    Token t = tokens.get(i);
    String name = t.text();
    if (name.startsWith("__")) {
      add(
          FormatRule.GGUF_TEMPLATE_INTERNALS,
          null,
          t.offset(),
          name,
          "The template uses the name " + Untrusted.quote(name) + ".");
    } else if (afterDot && name.startsWith("_")) {
      add(
          FormatRule.GGUF_TEMPLATE_INTERNALS,
          Severity.HIGH,
          t.offset(),
          name,
          "The template reads the private attribute "
              + Untrusted.quote(name)
              + ", which Jinja's sandbox forbids.");
    }
    if (afterDot ? CODE_ATTRIBUTES.contains(name) : CODE_NAMES.contains(name)) {
      add(
          FormatRule.GGUF_TEMPLATE_CODE_NAMES,
          null,
          t.offset(),
          name,
          "The template refers to " + Untrusted.quote(name) + ".");
    }
    if (!afterDot && GADGETS.contains(name) && !isKeywordArgument(tokens, i)) {
      boolean chained =
          i + 1 < tokens.size()
              && (is(tokens.get(i + 1), ".")
                  || is(tokens.get(i + 1), "[")
                  || (is(tokens.get(i + 1), "|")
                      && i + 2 < tokens.size()
                      && tokens.get(i + 2).text().equals("attr")));
      if (chained) {
        add(
            FormatRule.GGUF_TEMPLATE_GADGET,
            Severity.CRITICAL,
            t.offset(),
            name,
            "The template reads an attribute of the Jinja global " + Untrusted.quote(name) + ".");
      } else if (!ORDINARY_GADGETS.contains(name)) {
        add(
            FormatRule.GGUF_TEMPLATE_GADGET,
            null,
            t.offset(),
            name,
            "The template refers to the Jinja global " + Untrusted.quote(name) + ".");
      }
    }
  }

  private void string(List<Token> tokens, int i) {
    Token t = tokens.get(i);
    String value = t.text();
    if (DUNDER.matcher(value).matches()) {
      add(
          FormatRule.GGUF_TEMPLATE_INTERNALS,
          null,
          t.offset(),
          value,
          "The template holds the string "
              + Untrusted.quote(value)
              + ", a double-underscore name for a subscript, attr or map.");
    } else if (value.contains("__")) {
      add(
          FormatRule.GGUF_TEMPLATE_COMPUTED_ATTRIBUTE,
          null,
          t.offset(),
          value,
          "The template holds the string "
              + Untrusted.quote(value)
              + ", a piece of a double-underscore name.");
    }
    if (CODE_STRINGS.contains(value)
        || value.contains("__import__")
        || value.contains("os.popen")
        || value.contains("os.system")) {
      add(
          FormatRule.GGUF_TEMPLATE_CODE_NAMES,
          null,
          t.offset(),
          value,
          "The template holds the string " + Untrusted.quote(value) + ".");
    }
  }

  /** {@code x[...]}: a key built from strings, or a variable set from built strings. */
  private void subscript(List<Token> tokens, int open) {
    int depth = 0;
    for (int j = open; j < tokens.size(); j++) {
      Token t = tokens.get(j);
      if (is(t, "[") || is(t, "(")) {
        depth++;
      } else if (is(t, "]") || is(t, ")")) {
        if (--depth == 0) {
          List<Token> key = tokens.subList(open + 1, j);
          String why = null;
          if (buildsStrings(key)) {
            why = "a key built from strings";
          } else {
            for (Token k : key) {
              if (k.kind() == Kind.NAME && built.contains(k.text())) {
                why =
                    "a key from "
                        + Untrusted.quote(k.text())
                        + ", a variable set from built strings";
              }
            }
          }
          if (why != null) {
            add(
                FormatRule.GGUF_TEMPLATE_COMPUTED_ATTRIBUTE,
                null,
                tokens.get(open).offset(),
                "subscript",
                "The template looks an item up by " + why + ".");
          }
          return;
        }
      }
    }
  }

  /** {@code |attr(...)}: any use is unusual; a non-literal name is a computed attribute. */
  private void attr(List<Token> tokens, int at) {
    Token t = tokens.get(at);
    boolean literal =
        at + 3 < tokens.size()
            && is(tokens.get(at + 1), "(")
            && tokens.get(at + 2).kind() == Kind.STRING
            && is(tokens.get(at + 3), ")");
    if (literal && CODE_ATTRIBUTES.contains(tokens.get(at + 2).text())) {
      add(
          FormatRule.GGUF_TEMPLATE_CODE_NAMES,
          null,
          t.offset(),
          tokens.get(at + 2).text(),
          "The template reads attribute "
              + Untrusted.quote(tokens.get(at + 2).text())
              + " through |attr.");
    }
    if (literal) {
      add(
          FormatRule.GGUF_TEMPLATE_COMPUTED_ATTRIBUTE,
          Severity.MEDIUM,
          t.offset(),
          "attr(" + tokens.get(at + 2).text() + ")",
          "The template reads attribute "
              + Untrusted.quote(tokens.get(at + 2).text())
              + " through |attr, which real chat templates never need.");
    } else {
      add(
          FormatRule.GGUF_TEMPLATE_COMPUTED_ATTRIBUTE,
          null,
          t.offset(),
          "attr",
          "The template reads an attribute through |attr with a name computed while rendering.");
    }
  }

  /** Concatenation with ~ or + of a string, or a string-building filter or method. */
  private static boolean buildsStrings(List<Token> tokens) {
    boolean hasString = false;
    boolean plus = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (is(t, "~")) {
        return true;
      }
      if (t.kind() == Kind.STRING) {
        hasString = true;
      }
      if (is(t, "+") || is(t, "%")) {
        plus = true;
      }
      if (t.kind() == Kind.NAME
          && STRING_BUILDERS.contains(t.text())
          && i > 0
          && (is(tokens.get(i - 1), "|") || is(tokens.get(i - 1), "."))) {
        return true;
      }
    }
    return hasString && plus;
  }

  private static boolean isKeywordArgument(List<Token> tokens, int i) {
    return i + 1 < tokens.size()
        && is(tokens.get(i + 1), "=")
        && i > 0
        && (is(tokens.get(i - 1), "(") || is(tokens.get(i - 1), ","));
  }

  private static boolean is(Token t, String op) {
    return t.kind() == Kind.OPERATOR && t.text().equals(op);
  }

  private void add(
      FormatRule which,
      @org.jspecify.annotations.Nullable Severity ranked,
      int offset,
      String subject,
      String detail) {
    String key = which + "\0" + subject;
    if (findings.size() >= MAX_FINDINGS || findings.containsKey(key)) {
      return;
    }
    Rule rule = rules.rule(which.id());
    Severity severity = ranked == null ? rule.severity() : ranked;
    findings.put(
        key,
        rule.finding(
            severity, new Location(List.of(container), offset), Untrusted.escape(subject), detail));
  }
}
