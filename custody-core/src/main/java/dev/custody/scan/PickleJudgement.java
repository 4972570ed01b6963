package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.format.pickle.MalformedPickleException;
import dev.custody.format.pickle.PickleEvent;
import dev.custody.format.pickle.PickleProgram;
import dev.custody.format.pickle.Value;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One scan's judgement of a {@link PickleProgram}: each event against the rules, findings kept once
 * per (rule, subject, container), nested payloads scanned in turn.
 */
final class PickleJudgement {
  /** Allowed callables whose results legitimately receive APPEND/SETITEM/ADDITEMS. */
  private static final Set<String> CONTAINER_MAKERS =
      Set.of(
          "builtins.dict",
          "builtins.list",
          "builtins.set",
          "builtins.bytearray",
          "collections.OrderedDict",
          "collections.defaultdict",
          "collections.Counter",
          "collections.deque",
          "copyreg._reconstructor",
          "copyreg.__newobj__",
          "copyreg.__newobj_ex__",
          "argparse.Namespace",
          "types.SimpleNamespace");

  /** Findings kept per scanned pickle; more means a hostile file, reported once. */
  static final int MAX_FINDINGS = 1_000;

  private final PickleScanner scanner;
  private final RuleBook rules;
  private final GlobalPolicy policy;
  private final NestedLoaders loaders;
  private final int depth;
  private final Map<String, Finding> findings = new LinkedHashMap<>();
  private final Map<String, GlobalVerdict> verdicts = new HashMap<>();
  private final Set<String> called = new HashSet<>();

  /**
   * Payloads already scanned, by identity: memo GET hands the same literal to a loader any number
   * of times, and scanning it once is enough (and keeps the work linear in the input).
   */
  private final Set<Value> scannedPayloads =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  private boolean completed = true;

  PickleJudgement(
      PickleScanner scanner,
      RuleBook rules,
      GlobalPolicy policy,
      NestedLoaders loaders,
      int depth) {
    this.scanner = scanner;
    this.rules = rules;
    this.policy = policy;
    this.loaders = loaders;
    this.depth = depth;
  }

  List<Finding> findings() {
    return new ArrayList<>(findings.values());
  }

  boolean completed() {
    return completed;
  }

  void judge(PickleProgram program) {
    for (PickleEvent event : program.events()) {
      if (event instanceof PickleEvent.Call call && isDirectCall(call)) {
        Value.Global callable = (Value.Global) call.callable();
        called.add(key(callable));
        calledThroughArgument(callable, call.arguments());
      } else if (event instanceof PickleEvent.Call call
          && call.callable() instanceof Value.Persistent p
          && isCalling(call.opcode())) {
        Value.Global module = legacyModuleClass(p);
        if (module != null) {
          called.add(key(module));
        }
      }
    }
    for (PickleEvent event : program.events()) {
      judge(event);
    }
    program.failure().ifPresent(this::failed);
  }

  /**
   * Allowed callables that call one of their arguments: {@code copyreg._reconstructor(cls, base,
   * state)} runs {@code base.__init__}, torch's {@code _rebuild_from_type(_v2)(func, ...)} runs
   * {@code func(*args)}. A global passed there is called, not merely imported.
   */
  private static final Map<String, Integer> CALLS_ARGUMENT =
      Map.of(
          "copyreg._reconstructor", 1,
          "torch._tensor._rebuild_from_type", 0,
          "torch._tensor._rebuild_from_type_v2", 0);

  private void calledThroughArgument(Value.Global callable, Value arguments) {
    Integer index = CALLS_ARGUMENT.get(callable.qualifiedName());
    if (index != null
        && arguments instanceof Value.Container tuple
        && tuple.items().size() > index
        && tuple.items().get(index) instanceof Value.Global target
        && !target.qualifiedName().equals("builtins.object")) {
      called.add(key(target));
    }
  }

  /** REDUCE, INST and OBJ call the global itself; NEWOBJ only makes an instance of a class. */
  private static boolean isDirectCall(PickleEvent.Call call) {
    return call.callable() instanceof Value.Global && isCalling(call.opcode());
  }

  private static boolean isCalling(dev.custody.format.pickle.Opcode opcode) {
    return switch (opcode) {
      case REDUCE, INST, OBJ -> true;
      default -> false;
    };
  }

  /**
   * The class a legacy {@code torch.save} persistent id hands back. Before 1.6, torch pickled a
   * whole module's classes as persistent ids {@code ('module', cls, source file, source)} (the tar
   * format of torch &lt; 0.4: {@code (cls, source file, source)}), and both legacy loaders' {@code
   * persistent_load} return {@code cls} after comparing the source text: the pickle then
   * instantiates a global it names itself, which the import rules judge. Null for any other id.
   */
  static Value.@Nullable Global legacyModuleClass(Value.Persistent p) {
    if (!(p.id() instanceof Value.Container id)
        || id.kind() != Value.ContainerKind.TUPLE
        || id.items().isEmpty()) {
      return null;
    }
    List<Value> items = id.items();
    if (items.get(0) instanceof Value.Global g) {
      return g;
    }
    boolean module =
        (items.get(0) instanceof Value.Text t && t.text().equals("module"))
            || (items.get(0) instanceof Value.Bytes b
                && java.util.Arrays.equals(
                    b.content(), "module".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    return module && items.size() > 1 && items.get(1) instanceof Value.Global g ? g : null;
  }

  private void judge(PickleEvent event) {
    switch (event) {
      case PickleEvent.Import i -> judgeImport(i);
      case PickleEvent.ComputedImport c ->
          add(PickleRule.COMPUTED_GLOBAL, c.offset(), c.name().toString(), computedDetail(c));
      case PickleEvent.ExtensionLookup e ->
          add(
              PickleRule.EXTENSION_CODE,
              e.offset(),
              "extension code " + e.code(),
              e.opcode()
                  + " asks the loading process's copyreg registry for code "
                  + e.code()
                  + ".");
      case PickleEvent.Call c -> judgeCall(c);
      case PickleEvent.SetState s -> judgeState(s);
      case PickleEvent.Mutation m -> judgeMutation(m);
      case PickleEvent.PersistentLoad p -> {
        // Persistent ids are data references (PyTorch storages); container scanners check them.
      }
      case PickleEvent.Anomaly a -> judgeAnomaly(a);
    }
  }

  // --- imports ---------------------------------------------------------------------------

  private void judgeImport(PickleEvent.Import i) {
    Value.Global g = i.global();
    String subject = Untrusted.escape(g.qualifiedName());
    String as = renamedNote(i);
    switch (verdict(g)) {
      case GlobalVerdict.Allowed a -> {}
      case GlobalVerdict.Denied d ->
          keep(
              key(PickleRule.DANGEROUS_GLOBAL, subject),
              rules
                  .rule(PickleRule.DANGEROUS_GLOBAL)
                  .finding(
                      d.severity(),
                      Location.at(i.offset()),
                      subject,
                      "The pickle imports "
                          + subject
                          + as
                          + ", matching the denylist entry "
                          + d.matched()
                          + " ("
                          + d.why()
                          + ")."));
      case GlobalVerdict.Internals n ->
          add(
              PickleRule.INTERNALS_WALK,
              i.offset(),
              subject,
              "The pickle looks up "
                  + subject
                  + as
                  + ", which goes through "
                  + n.component()
                  + ".");
      case GlobalVerdict.Unknown u -> judgeUnknown(i, subject, as);
    }
  }

  private void judgeUnknown(PickleEvent.Import i, String subject, String as) {
    if (called.contains(key(i.global()))) {
      add(
          PickleRule.UNKNOWN_CALLABLE,
          i.offset(),
          subject,
          "The pickle imports and calls " + subject + as + ".");
    } else {
      add(
          PickleRule.UNKNOWN_IMPORT,
          i.offset(),
          subject,
          "The pickle imports " + subject + as + ".");
    }
  }

  private static String renamedNote(PickleEvent.Import i) {
    String resolved = i.global().qualifiedName();
    return i.written().equals(resolved)
        ? ""
        : " (written "
            + Untrusted.escape(i.written())
            + ", renamed under protocol "
            + i.protocol()
            + ")";
  }

  private GlobalVerdict verdict(Value.Global g) {
    return verdicts.computeIfAbsent(key(g), k -> policy.judge(g.module(), g.name()));
  }

  private static String key(Value.Global g) {
    return g.module() + "\n" + g.name();
  }

  private static String computedDetail(PickleEvent.ComputedImport c) {
    return "STACK_GLOBAL gets its module and name from values built while loading: "
        + c.name()
        + ".";
  }

  // --- calls -----------------------------------------------------------------------------

  private void judgeCall(PickleEvent.Call c) {
    switch (c.callable()) {
      case Value.Global g -> {
        if (loaders.isLoader(g)) {
          scanNested(c, g);
        }
      }
      case Value.CallResult r -> computedCall(c, "the result of calling " + r.callable());
      case Value.Persistent p -> {
        Value.Global module = legacyModuleClass(p);
        if (module == null) {
          computedCall(c, "an object the host supplies for " + p.id());
        } else if (loaders.isLoader(module)) {
          scanNested(c, module);
        }
      }
      case Value.ComputedName n -> {} // PICKLE-002 already covers it
      case Value.Extension e -> {} // PICKLE-006 already covers it
      case Value.Text t -> {} // calling a literal fails in the loader before anything runs
      case Value.Bytes b -> {}
      case Value.LargeLiteral l -> {}
      case Value.Scalar s -> {}
      case Value.Container k -> {}
      case Value.Buffer b -> {}
    }
  }

  private void computedCall(PickleEvent.Call c, String what) {
    add(
        PickleRule.COMPUTED_CALLABLE,
        c.offset(),
        c.callable().toString(),
        c.opcode() + " calls " + what + ", with arguments " + c.arguments() + ".");
  }

  private void scanNested(PickleEvent.Call c, Value.Global loader) {
    Value payload = NestedLoaders.firstArgument(c.arguments());
    if (!scannedPayloads.add(payload)) {
      return;
    }
    byte[] bytes = NestedLoaders.literalBytes(payload);
    String where = "nested pickle passed to " + loader.qualifiedName() + " at byte " + c.offset();
    if (bytes == null || depth + 1 > PickleScanner.MAX_NESTED_DEPTH) {
      add(
          PickleRule.NESTED_UNSCANNED,
          c.offset(),
          Untrusted.escape(loader.qualifiedName()),
          bytes == null
              ? "The payload " + payload + " is not written in the file as literal bytes."
              : "It is nested more than " + PickleScanner.MAX_NESTED_DEPTH + " pickles deep.");
      completed = false;
      return;
    }
    ScanResult inner = scanner.scan(ByteBuffer.wrap(bytes), depth + 1);
    for (Finding f : inner.findings()) {
      Finding moved =
          new Finding(
              f.rule(),
              f.severity(),
              f.title(),
              f.location().inside(where),
              f.subject(),
              f.explanation(),
              f.remedy());
      keep(key(f, where), moved);
    }
    completed &= inner.completed();
  }

  // --- state and mutation ----------------------------------------------------------------

  private void judgeState(PickleEvent.SetState s) {
    if (s.target() instanceof Value.Global g) {
      patched(s.offset(), g, "BUILD writes state " + s.state() + " into it");
      return;
    }
    String dunder = dunderKey(s.state());
    if (dunder != null) {
      add(
          PickleRule.STATE_INJECTION,
          s.offset(),
          Untrusted.escape(dunder),
          "BUILD sets " + Untrusted.escape(dunder) + " on " + s.target() + ".");
    }
  }

  private void judgeMutation(PickleEvent.Mutation m) {
    switch (m.target()) {
      case Value.Global g -> patched(m.offset(), g, m.opcode() + " adds items to it");
      case Value.CallResult r -> judgeItemsAddedTo(m, r);
      // Literals fail in the loader; the rest are judged where they were made.
      case Value.Text t -> {}
      case Value.Bytes b -> {}
      case Value.LargeLiteral l -> {}
      case Value.Scalar s -> {}
      case Value.Container c -> {}
      case Value.ComputedName n -> {}
      case Value.Persistent p -> {}
      case Value.Extension e -> {}
      case Value.Buffer b -> {}
    }
  }

  /**
   * Items added to what an allowed callable returned: fine for container constructors, but an
   * allowed non-container (a rebuilt tensor or array) never receives items from a real writer, and
   * SETITEM on tensors is the memory-corruption pattern of CVE-2026-24747.
   */
  private void judgeItemsAddedTo(PickleEvent.Mutation m, Value.CallResult r) {
    if (r.callable() instanceof Value.Global g
        && verdict(g) instanceof GlobalVerdict.Allowed
        && !CONTAINER_MAKERS.contains(g.qualifiedName())) {
      String subject = Untrusted.escape(g.qualifiedName());
      add(
          PickleRule.STATE_INJECTION,
          m.offset(),
          subject,
          m.opcode() + " adds items to the object " + subject + " returns, which is no container.");
    }
  }

  private void patched(long offset, Value.Global g, String how) {
    String subject = Untrusted.escape(g.qualifiedName());
    add(
        PickleRule.STATE_INJECTION,
        offset,
        subject,
        "The pickle changes " + subject + ": " + how + ".");
  }

  /** A double-underscore key in a BUILD state dict, or in its (state, slotstate) pair. */
  private static @org.jspecify.annotations.Nullable String dunderKey(Value state) {
    if (!(state instanceof Value.Container c)) {
      return null;
    }
    return switch (c.kind()) {
      case DICT -> dunderKeyOfDict(c.items());
      case TUPLE -> {
        for (Value part : c.items().subList(0, Math.min(2, c.items().size()))) {
          if (part instanceof Value.Container d && d.kind() == Value.ContainerKind.DICT) {
            String key = dunderKeyOfDict(d.items());
            if (key != null) {
              yield key;
            }
          }
        }
        yield null;
      }
      case LIST, SET, FROZENSET -> null;
    };
  }

  private static @org.jspecify.annotations.Nullable String dunderKeyOfDict(List<Value> items) {
    for (int i = 0; i + 1 < items.size(); i += 2) {
      if (items.get(i) instanceof Value.Text t
          && t.text().length() > 4
          && t.text().startsWith("__")
          && t.text().endsWith("__")) {
        return t.text();
      }
    }
    return null;
  }

  // --- anomalies and failures -------------------------------------------------------------

  private void judgeAnomaly(PickleEvent.Anomaly a) {
    PickleRule rule =
        switch (a.kind()) {
          case FRAME_DIVERGENCE -> PickleRule.FRAME_DIVERGENCE;
          case LATE_PROTOCOL -> PickleRule.LATE_PROTOCOL;
          case DISCARDED_OBJECTS -> PickleRule.DISCARDED_OBJECTS;
          case STACKED_PICKLE -> PickleRule.STACKED_PICKLES;
        };
    add(rule, a.offset(), a.kind().name().toLowerCase(java.util.Locale.ROOT), a.detail() + ".");
  }

  private void failed(MalformedPickleException e) {
    completed = false;
    PickleRule rule =
        switch (e.reason()) {
          case LIMIT_EXCEEDED -> PickleRule.LIMIT_REACHED;
          case TRUNCATED, INVALID_OPCODE, INVALID_ARGUMENT, STACK_UNDERFLOW, MEMO_MISSING ->
              PickleRule.MALFORMED;
        };
    add(
        rule,
        e.offset(),
        e.reason().name().toLowerCase(java.util.Locale.ROOT),
        e.getMessage() + ".");
  }

  private void add(PickleRule which, long offset, String subject, String detail) {
    keep(key(which, subject), rules.rule(which).finding(Location.at(offset), subject, detail));
  }

  /**
   * Keeps a finding unless one with the same key exists. A hostile file could make millions of
   * distinct findings, so after {@link #MAX_FINDINGS} the report says so once and the scan counts
   * as incomplete.
   */
  private void keep(String key, Finding finding) {
    if (findings.size() < MAX_FINDINGS || findings.containsKey(key)) {
      findings.putIfAbsent(key, finding);
      return;
    }
    completed = false;
    findings.putIfAbsent(
        key(PickleRule.LIMIT_REACHED, "findings"),
        rules
            .rule(PickleRule.LIMIT_REACHED)
            .finding(
                finding.location(),
                "findings",
                "The file produced more than "
                    + MAX_FINDINGS
                    + " findings; later ones are not"
                    + " listed."));
  }

  private static String key(PickleRule rule, String subject) {
    return rule.id() + "\n" + subject;
  }

  private static String key(Finding f, String where) {
    return f.rule() + "\n" + f.subject() + "\n" + where;
  }
}
