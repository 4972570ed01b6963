package dev.custody.scan;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Judges what TorchScript archive code references, by {@code rules/torchscript-ops.txt}: torch's
 * own operators and C++ classes are fine, the two operators that touch files and the distributed
 * ones that touch the network are TORCH-005, anything from another namespace (an extension's custom
 * operator or class) is TORCH-006. Immutable.
 */
final class TorchScriptRules {
  /** What a reference reaches. */
  enum Verdict {
    /**
     * Not an operator or class outside the archive (its own classes, constants), or torch's own.
     */
    BUILTIN,
    /** Reads or writes files. */
    FILES,
    /** Opens connections or joins a process group. */
    NETWORK,
    /** An operator or class from a namespace torch does not register itself. */
    CUSTOM
  }

  /**
   * A judged reference.
   *
   * @param verdict what it reaches
   * @param target the operator or class, e.g. {@code aten::save} or {@code class myns.Thing}
   */
  record Judged(Verdict verdict, String target) {}

  private static final String CLASSES = "__torch__.torch.classes";
  private static final TorchScriptRules STANDARD = new TorchScriptRules(load());

  private final Map<String, Verdict> table;

  private TorchScriptRules(Map<String, Verdict> table) {
    this.table = table;
  }

  static TorchScriptRules standard() {
    return STANDARD;
  }

  private static Map<String, Verdict> load() {
    Map<String, Verdict> table = new HashMap<>();
    for (String[] row : RuleData.rows("torchscript-ops.txt", 4)) {
      if (row.length < 4 || !(row[0].equals("op") || row[0].equals("class"))) {
        throw new IllegalStateException(
            "rules/torchscript-ops.txt: line '"
                + String.join(" ", row)
                + "' needs '<op|class> <namespace> <name or *> <verdict>'");
      }
      table.put(
          row[0] + " " + row[1] + " " + row[2], Verdict.valueOf(row[3].toUpperCase(Locale.ROOT)));
    }
    return Map.copyOf(table);
  }

  /**
   * Judges a dotted reference from {@link dev.custody.format.torchscript.TorchScriptSource}, as the
   * source importer resolves it: {@code torch} and any {@code autograd} after a namespace are
   * {@code aten}; {@code ops.<ns>} is namespace {@code ns}; {@code
   * __torch__.torch.classes.<ns>.<C>} is a C++ class; other {@code __torch__} names are the
   * archive's own classes.
   */
  Judged judge(String reference) {
    String[] parts = reference.split("\\.", -1);
    return switch (parts[0]) {
      case "torch" -> operator("aten", parts, 1);
      case "ops" ->
          parts.length < 2 ? new Judged(Verdict.BUILTIN, "ops") : operator(parts[1], parts, 2);
      case "__torch__" -> customClass(reference, parts);
      default -> new Judged(Verdict.BUILTIN, reference);
    };
  }

  /** True when {@code qualifiedName} is one of torch's own C++ classes (or not a C++ class). */
  boolean isTorchClass(String qualifiedName) {
    return judge(qualifiedName).verdict() == Verdict.BUILTIN;
  }

  private Judged operator(String namespace, String[] parts, int next) {
    String ns = namespace;
    int i = next;
    while (i < parts.length && parts[i].equals("autograd")) {
      ns = "aten"; // BuiltinModule.attr("autograd") is the aten module again
      i++;
    }
    String name = i < parts.length ? parts[i] : "*";
    return new Judged(lookup("op", ns, name), ns + "::" + name);
  }

  private Judged customClass(String reference, String[] parts) {
    if (!(reference.startsWith(CLASSES + ".") && parts.length >= 4)) {
      return new Judged(Verdict.BUILTIN, reference);
    }
    String name = parts.length > 4 ? parts[4] : "*";
    return new Judged(lookup("class", parts[3], name), "class " + parts[3] + "." + name);
  }

  private Verdict lookup(String kind, String namespace, String name) {
    Verdict exact = table.get(kind + " " + namespace + " " + name);
    if (exact != null) {
      return exact;
    }
    Verdict any = table.get(kind + " " + namespace + " *");
    return any != null ? any : Verdict.CUSTOM;
  }
}
