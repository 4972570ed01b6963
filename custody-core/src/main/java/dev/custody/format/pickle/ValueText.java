package dev.custody.format.pickle;

import dev.custody.internal.Untrusted;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders values for people, Python-style, within fixed bounds: a few levels, a few items, short
 * strings, escaped. Safe on cyclic values and on anything a hostile pickle builds.
 */
final class ValueText {
  private static final int MAX_LEVELS = 3;
  private static final int MAX_ITEMS = 4;
  private static final int MAX_TEXT = 60;
  private static final int MAX_LENGTH = 300;

  private ValueText() {}

  static String describe(Value value) {
    StringBuilder out = new StringBuilder();
    append(out, value, 0);
    return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "…" : out.toString();
  }

  private static void append(StringBuilder out, Value value, int level) {
    if (out.length() > MAX_LENGTH) {
      return;
    }
    switch (value) {
      case Value.Text t -> out.append('\'').append(shortText(t.text())).append('\'');
      case Value.Bytes b -> out.append("b'").append(shortBytes(b.head(MAX_TEXT))).append('\'');
      case Value.LargeLiteral l ->
          out.append(l.text() ? "<str of " : "<bytes of ").append(l.length()).append(" bytes>");
      case Value.Scalar s -> out.append(s.repr());
      case Value.Global g -> out.append(Untrusted.escape(g.qualifiedName()));
      case Value.Container c -> appendContainer(out, c, level);
      case Value.ComputedName n -> appendComputedName(out, n, level);
      case Value.CallResult r -> appendCall(out, r, level);
      case Value.Persistent p -> appendNested(out.append("persistent_load("), p.id(), level);
      case Value.Extension e -> out.append(e);
      case Value.Buffer b -> out.append(b);
    }
  }

  private static void appendNested(StringBuilder out, Value inner, int level) {
    append(out, inner, level + 1);
    out.append(')');
  }

  private static void appendComputedName(StringBuilder out, Value.ComputedName n, int level) {
    out.append("<global ");
    appendLimited(out, n.module(), level + 1);
    out.append(" . ");
    appendLimited(out, n.name(), level + 1);
    out.append('>');
  }

  private static void appendCall(StringBuilder out, Value.CallResult r, int level) {
    appendLimited(out, r.callable(), level + 1);
    if (r.arguments() instanceof Value.Container args && args.kind() == Value.ContainerKind.TUPLE) {
      appendItems(out.append('('), args.items(), level + 1, ", ");
      out.append(')');
    } else {
      out.append("(*");
      appendLimited(out, r.arguments(), level + 1);
      out.append(')');
    }
  }

  private static void appendLimited(StringBuilder out, Value value, int level) {
    if (level > MAX_LEVELS) {
      out.append("…");
    } else {
      append(out, value, level);
    }
  }

  private static void appendContainer(StringBuilder out, Value.Container c, int level) {
    if (level >= MAX_LEVELS) {
      out.append("…");
      return;
    }
    String open =
        switch (c.kind()) {
          case TUPLE -> "(";
          case LIST -> "[";
          case DICT, SET -> "{";
          case FROZENSET -> "frozenset({";
        };
    String close =
        switch (c.kind()) {
          case TUPLE -> c.items().size() == 1 ? ",)" : ")";
          case LIST -> "]";
          case DICT, SET -> "}";
          case FROZENSET -> "})";
        };
    out.append(open);
    appendItems(out, c.items(), level, c.kind() == Value.ContainerKind.DICT ? null : ", ");
    out.append(close);
  }

  /** Appends items; a null separator means dict pairs ({@code k: v, k: v}). */
  private static void appendItems(
      StringBuilder out,
      List<Value> items,
      int level,
      @org.jspecify.annotations.Nullable String sep) {
    int shown = Math.min(items.size(), sep == null ? MAX_ITEMS * 2 : MAX_ITEMS);
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        out.append(sep != null ? sep : (i % 2 == 1 ? ": " : ", "));
      }
      appendLimited(out, items.get(i), level + 1);
    }
    if (shown < items.size()) {
      out.append(", …");
    }
  }

  private static String shortText(String text) {
    String cut =
        text.codePointCount(0, text.length()) > MAX_TEXT
            ? text.substring(0, text.offsetByCodePoints(0, MAX_TEXT)) + "…"
            : text;
    return Untrusted.escape(cut);
  }

  private static String shortBytes(byte[] head) {
    StringBuilder out = new StringBuilder();
    for (byte b : head) {
      int u = b & 0xff;
      if (u >= 0x20 && u < 0x7f && u != '\'' && u != '\\') {
        out.append((char) u);
      } else {
        out.append(String.format(java.util.Locale.ROOT, "\\x%02x", u));
      }
    }
    return head.length >= MAX_TEXT ? out + "…" : out.toString();
  }

  /** Latin-1 view of bytes, for text opcodes whose arguments are decoded that way. */
  static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
