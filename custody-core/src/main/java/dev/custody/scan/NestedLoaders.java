package dev.custody.scan;

import dev.custody.format.pickle.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Callables that load a pickle from bytes ({@code rules/pickle-nested-loaders.txt}) and how to find
 * the literal bytes handed to them: directly, inside {@code io.BytesIO(...)}, or as protocol 2
 * writes bytes, {@code _codecs.encode(text, 'latin1')}.
 */
final class NestedLoaders {
  private static final NestedLoaders STANDARD =
      new NestedLoaders(RuleData.rows("pickle-nested-loaders.txt", 2));

  private final Set<String> loaders = new HashSet<>();

  NestedLoaders(List<String[]> rows) {
    for (String[] row : rows) {
      loaders.add(row[0] + " " + row[1]);
    }
  }

  static NestedLoaders standard() {
    return STANDARD;
  }

  boolean isLoader(Value.Global global) {
    return loaders.contains(global.module() + " " + global.name());
  }

  /** The payload passed first to a loader call: literal bytes, or null with the value it is. */
  static Value firstArgument(Value arguments) {
    if (arguments instanceof Value.Container tuple
        && tuple.kind() == Value.ContainerKind.TUPLE
        && !tuple.items().isEmpty()) {
      return tuple.items().get(0);
    }
    return arguments;
  }

  /** The bytes {@code value} stands for, when they are written in the file; else null. */
  static byte @Nullable [] literalBytes(Value value) {
    return switch (value) {
      case Value.Bytes b -> b.content();
      case Value.Text t -> t.text().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      case Value.CallResult r -> wrappedBytes(r);
      case Value.LargeLiteral l -> null;
      case Value.Scalar s -> null;
      case Value.Container c -> null;
      case Value.Global g -> null;
      case Value.ComputedName n -> null;
      case Value.Persistent p -> null;
      case Value.Extension e -> null;
      case Value.Buffer b -> null;
    };
  }

  /** Protocol 2 writes bytes as {@code _codecs.encode(text, 'latin1')}; other codecs as named. */
  private static java.nio.charset.Charset codecsEncoding(Value arguments) {
    if (arguments instanceof Value.Container tuple
        && tuple.items().size() > 1
        && tuple.items().get(1) instanceof Value.Text encoding
        && encoding.text().toLowerCase(java.util.Locale.ROOT).startsWith("latin")) {
      return java.nio.charset.StandardCharsets.ISO_8859_1;
    }
    return java.nio.charset.StandardCharsets.UTF_8;
  }

  private static byte @Nullable [] wrappedBytes(Value.CallResult call) {
    if (!(call.callable() instanceof Value.Global g)) {
      return null;
    }
    String name = g.qualifiedName();
    Value first = firstArgument(call.arguments());
    if ((name.equals("io.BytesIO") || name.equals("_io.BytesIO"))
        && !(first instanceof Value.CallResult)) {
      return literalBytes(first);
    }
    if (name.equals("_codecs.encode") && first instanceof Value.Text t) {
      return t.text().getBytes(codecsEncoding(call.arguments()));
    }
    return null;
  }
}
