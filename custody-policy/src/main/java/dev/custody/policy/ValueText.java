package dev.custody.policy;

import dev.custody.internal.Untrusted;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders a CEL value short enough for a decision: strings quoted and escaped, lists and maps cut
 * after a few items, nesting cut after two levels.
 */
final class ValueText {
  private static final int ITEMS = 3;
  private static final int MAX_LENGTH = 300;

  private ValueText() {}

  static String of(Object value) {
    String text = render(value, 0);
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
  }

  private static String render(Object value, int depth) {
    return switch (value) {
      case String text -> Untrusted.quote(text);
      case Boolean bool -> bool.toString();
      case Long number -> number.toString();
      case List<?> list -> list(list, depth);
      case Map<?, ?> map -> map(map, depth);
      default -> Untrusted.escape(String.valueOf(value));
    };
  }

  private static String list(List<?> list, int depth) {
    if (list.isEmpty()) {
      return "[]";
    }
    if (depth >= 2) {
      return "[" + list.size() + " items]";
    }
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < Math.min(ITEMS, list.size()); i++) {
      out.append(i == 0 ? "" : ", ").append(render(list.get(i), depth + 1));
    }
    if (list.size() > ITEMS) {
      out.append(", ... ").append(list.size()).append(" in all");
    }
    return out.append(']').toString();
  }

  private static String map(Map<?, ?> map, int depth) {
    if (depth >= 2) {
      return "{" + map.size() + " fields}";
    }
    StringBuilder out = new StringBuilder("{");
    Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
    for (int i = 0; entries.hasNext() && i < 2 * ITEMS; i++) {
      Map.Entry<?, ?> entry = entries.next();
      out.append(i == 0 ? "" : ", ")
          .append(Untrusted.escape(String.valueOf(entry.getKey())))
          .append(": ")
          .append(render(entry.getValue(), depth + 1));
    }
    if (entries.hasNext()) {
      out.append(", ...");
    }
    return out.append('}').toString();
  }
}
