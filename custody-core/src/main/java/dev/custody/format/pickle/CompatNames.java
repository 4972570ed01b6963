package dev.custody.format.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The Python 2 to 3 renames that {@code find_class} applies while the protocol in force is below 3
 * ({@code Lib/_compat_pickle.py}): {@code __builtin__} becomes {@code builtins}, {@code commands}
 * becomes {@code subprocess}. A scanner that judged the written names would miss {@code
 * commands.getoutput}. The table is data, copied from CPython by the fixture script.
 */
final class CompatNames {
  private static final String RESOURCE = "compat-names.txt";
  private static final CompatNames INSTANCE = load();

  private final Map<String, String[]> names;
  private final Map<String, String> modules;

  private CompatNames(Map<String, String[]> names, Map<String, String> modules) {
    this.names = names;
    this.modules = modules;
  }

  static CompatNames get() {
    return INSTANCE;
  }

  /** The {@code [module, name]} the loader really looks up for protocol {@code < 3}. */
  String[] resolve(String module, String name) {
    String[] renamed = names.get(module + "\n" + name);
    if (renamed != null) {
      return renamed.clone();
    }
    return new String[] {modules.getOrDefault(module, module), name};
  }

  private static CompatNames load() {
    Map<String, String[]> names = new HashMap<>();
    Map<String, String> modules = new HashMap<>();
    for (String line : text().split("\n", -1)) {
      String[] f = line.strip().split("\\s+", -1);
      if (f[0].equals("name") && f.length == 5) {
        names.put(f[1] + "\n" + f[2], new String[] {f[3], f[4]});
      } else if (f[0].equals("module") && f.length == 3) {
        modules.put(f[1], f[2]);
      }
    }
    if (modules.isEmpty()) {
      throw new IllegalStateException(RESOURCE + " has no module renames: the jar is broken");
    }
    return new CompatNames(Map.copyOf(names), Map.copyOf(modules));
  }

  private static String text() {
    try (InputStream in = CompatNames.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
