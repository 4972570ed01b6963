package dev.custody.scan;

import dev.custody.finding.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a global by custody's allowlist and denylist ({@code rules/pickle-allow.txt}, {@code
 * rules/pickle-deny.txt}). Allowlist first, by the exact pair only. Then every way the loader could
 * resolve the dotted path is checked against the denylist: each module prefix ({@code os.path}
 * imports {@code os}), and each stretch of the dotted name, because from protocol 4 the loader
 * walks the name attribute by attribute, so {@code ('torch', 'os.system')} reaches {@code os}.
 */
final class GlobalPolicy {
  /** Longer dotted paths are not judged piecewise; they are unknown (and still reported). */
  private static final int MAX_COMPONENTS = 16;

  private static final GlobalPolicy STANDARD =
      new GlobalPolicy(RuleData.rows("pickle-allow.txt", 2), RuleData.rows("pickle-deny.txt", 4));

  private final Set<String> allowed = new HashSet<>();
  private final Map<String, GlobalVerdict.Denied> deniedModules = new HashMap<>();
  private final Map<String, GlobalVerdict.Denied> deniedNames = new HashMap<>();
  private final @org.jspecify.annotations.Nullable TorchScriptRules torchScript;

  /** The same lists, judged as torch.jit.load's C++ unpickler resolves globals. */
  private GlobalPolicy(GlobalPolicy lists, TorchScriptRules torchScript) {
    this.allowed.addAll(lists.allowed);
    this.deniedModules.putAll(lists.deniedModules);
    this.deniedNames.putAll(lists.deniedNames);
    this.torchScript = torchScript;
  }

  GlobalPolicy(List<String[]> allow, List<String[]> deny) {
    this.torchScript = null;
    for (String[] row : allow) {
      requireFields(row, 2, "pickle-allow.txt");
      allowed.add(row[0] + " " + row[1]);
    }
    for (String[] row : deny) {
      requireFields(row, 4, "pickle-deny.txt");
      GlobalVerdict.Denied entry =
          new GlobalVerdict.Denied(Severity.parse(row[2]), row[0] + "." + row[1], row[3]);
      if (row[1].equals("*")) {
        deniedModules.put(row[0], entry);
      } else {
        deniedNames.put(row[0] + " " + row[1], entry);
      }
    }
  }

  static GlobalPolicy standard() {
    return STANDARD;
  }

  /**
   * This policy for the pickles of a TorchScript archive. torch.jit.load reads them with its C++
   * unpickler, which imports no Python: a global under {@code __torch__} is a class compiled from
   * the archive's own code (judged by reading that code), or under {@code __torch__.torch.classes}
   * a C++ class, allowed when torch registers it itself. Such globals are allowed when the lists
   * have nothing to say about them; denied stretches still count.
   */
  GlobalPolicy forTorchScript(TorchScriptRules rules) {
    return new GlobalPolicy(this, rules);
  }

  GlobalVerdict judge(String module, String name) {
    if (allowed.contains(module + " " + name)) {
      return new GlobalVerdict.Allowed();
    }
    String[] modules = module.split("\\.", -1);
    String[] names = name.split("\\.", -1);
    if (modules.length + names.length > MAX_COMPONENTS) {
      return new GlobalVerdict.Unknown();
    }
    GlobalVerdict.Denied worst = worstDenial(modules, names);
    if (worst != null) {
      return worst;
    }
    for (String component : names) {
      if (component.length() > 4 && component.startsWith("__") && component.endsWith("__")) {
        return new GlobalVerdict.Internals(component);
      }
    }
    if (torchScript != null
        && (module.equals("__torch__") || module.startsWith("__torch__."))
        && torchScript.isTorchClass(module + "." + name)) {
      return new GlobalVerdict.Allowed();
    }
    return new GlobalVerdict.Unknown();
  }

  private GlobalVerdict.@org.jspecify.annotations.Nullable Denied worstDenial(
      String[] modules, String[] names) {
    String[] path = concat(modules, names);
    GlobalVerdict.Denied worst = null;
    for (int[] stretch : stretches(modules.length, path.length)) {
      String joined = String.join(".", Arrays.asList(path).subList(stretch[0], stretch[1]));
      worst = worse(worst, deniedModules.get(joined));
      if (stretch[1] < path.length) {
        worst = worse(worst, deniedNames.get(joined + " " + path[stretch[1]]));
      }
    }
    return worst;
  }

  /**
   * The [from, to) stretches of the path that the loader may treat as a module: the prefixes of the
   * whole path, and any stretch that starts inside the name (an attribute that is a module).
   */
  private static List<int[]> stretches(int moduleParts, int length) {
    List<int[]> out = new ArrayList<>();
    for (int to = 1; to <= length; to++) {
      out.add(new int[] {0, to});
    }
    for (int from = Math.max(1, moduleParts); from < length; from++) {
      for (int to = from + 1; to <= length; to++) {
        out.add(new int[] {from, to});
      }
    }
    return out;
  }

  private static GlobalVerdict.@org.jspecify.annotations.Nullable Denied worse(
      GlobalVerdict.@org.jspecify.annotations.Nullable Denied a,
      GlobalVerdict.@org.jspecify.annotations.Nullable Denied b) {
    if (a == null) {
      return b;
    }
    return b != null && b.severity().compareTo(a.severity()) < 0 ? b : a;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void requireFields(String[] row, int want, String file) {
    if (row.length < want) {
      throw new IllegalStateException(
          "rules/" + file + ": line '" + String.join(" ", row) + "' needs " + want + " fields");
    }
  }
}
