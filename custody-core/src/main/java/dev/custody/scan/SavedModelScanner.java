package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.finding.Severity;
import dev.custody.format.protobuf.MalformedProtoException;
import dev.custody.format.savedmodel.SavedModelGraph;
import dev.custody.format.savedmodel.SavedModelGraph.Node;
import dev.custody.format.savedmodel.SavedModelLimits;
import dev.custody.format.savedmodel.SavedModelReader;
import dev.custody.format.savedmodel.SavedModelTextReader;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Scans a binary TensorFlow SavedModel: every operation of every graph and of every library
 * function (ops hidden in functions run as soon as a call reaches them, so all are judged), and
 * every function an attribute names. Python callbacks (TF-001), file writes (TF-002) and reads
 * (TF-003), network and cluster operations (TF-004) and operations outside TensorFlow's standard
 * set (TF-005) are reported; the saver and asset operations every SavedModel has are allowed unless
 * their path is a constant leaving the model folder (TF-006). Paths are followed back from the
 * operation's path inputs through the string plumbing the saver uses (Identity, StringJoin,
 * ShardedFilename...) to constants. Thread-safe.
 */
public final class SavedModelScanner {
  /** Findings kept per model. */
  static final int MAX_FINDINGS = 1_000;

  /** Operations a path flows through unchanged or joined, on its way from a constant. */
  private static final Set<String> PATH_PLUMBING =
      Set.of(
          "Const",
          "Identity",
          "IdentityN",
          "StringJoin",
          "ShardedFilename",
          "ShardedFilespec",
          "PlaceholderWithDefault",
          "Select",
          "SelectV2",
          "Snapshot",
          "StringFormat",
          "Pack",
          "ConcatV2");

  /** How every public TensorFlow op is named; a custom op may be too, but is reported anyway. */
  private static final java.util.regex.Pattern LIKE_A_STANDARD_OP =
      java.util.regex.Pattern.compile("[A-Z][A-Za-z0-9]{0,127}");

  /** Operations visited per path followed back. */
  private static final int MAX_VISITED = 256;

  /** Constant strings kept per path followed back. */
  private static final int MAX_CONSTANTS = 32;

  private final SavedModelLimits limits;
  private final RuleBook rules = RuleBook.standard();
  private final TensorFlowOps ops = TensorFlowOps.standard();

  private SavedModelScanner(SavedModelLimits limits) {
    this.limits = limits;
  }

  /** A scanner with {@link SavedModelLimits#DEFAULT}. */
  public static SavedModelScanner standard() {
    return new SavedModelScanner(SavedModelLimits.DEFAULT);
  }

  /** A scanner with other limits. */
  public static SavedModelScanner withLimits(SavedModelLimits limits) {
    return new SavedModelScanner(limits);
  }

  /** Scans a whole byte array. */
  public ScanResult scan(byte[] data) {
    return scan(ByteBuffer.wrap(data));
  }

  /** Scans the SavedModel in {@code data} (position to limit). */
  public ScanResult scan(ByteBuffer data) {
    return judge(SavedModelReader.read(data, limits));
  }

  /**
   * Scans a SavedModel in protobuf text format ({@code saved_model.pbtxt}): read into the same
   * graph as the binary form, so the same rules judge it; offsets are text offsets.
   */
  public ScanResult scanText(ByteBuffer data) {
    return judge(SavedModelTextReader.read(data, limits));
  }

  private ScanResult judge(SavedModelGraph graph) {
    Judgement judgement = new Judgement(graph);
    for (Node node : graph.nodes()) {
      if (judgement.findings.size() >= MAX_FINDINGS) {
        break;
      }
      judgement.node(node);
    }
    List<Finding> findings = judgement.findings;
    MalformedProtoException failure = graph.failure();
    if (failure != null) {
      SavedModelRule which =
          switch (failure.reason()) {
            case MALFORMED -> SavedModelRule.MALFORMED;
            case LIMIT_EXCEEDED -> SavedModelRule.LIMIT;
          };
      findings.add(
          rule(which)
              .finding(
                  Location.at(failure.offset()),
                  "protobuf",
                  "Reading stopped: "
                      + failure.getMessage()
                      + ". Findings above were made before this point."));
    }
    findings.sort(Comparator.comparing(Finding::severity));
    return new ScanResult(findings, graph.completed());
  }

  private Rule rule(SavedModelRule which) {
    return rules.rule(which.id());
  }

  /** Where a constant path leads, or null when it stays inside the model folder. */
  static @Nullable String outside(String path) {
    if (path.contains("://")) {
      return "a URL, which TensorFlow's file systems open (remote storage included)";
    }
    OnnxScanner.PathVerdict verdict = OnnxScanner.PathVerdict.of(path);
    return verdict.kind() == OnnxScanner.PathVerdict.Kind.OUTSIDE ? verdict.why() : null;
  }

  /** The findings for one model, with its operations indexed by scope for path lookups. */
  private final class Judgement {
    private final Set<String> functions;
    private final Map<String, Map<String, Node>> scopes = new HashMap<>();
    private final Set<String> reportedUnknown = new HashSet<>();
    final List<Finding> findings = new ArrayList<>();

    Judgement(SavedModelGraph graph) {
      functions = new HashSet<>(graph.functions());
      for (Node n : graph.nodes()) {
        scopes.computeIfAbsent(n.scope(), s -> new HashMap<>()).putIfAbsent(n.name(), n);
      }
    }

    void node(Node node) {
      Optional<TensorFlowOps.Listed> listed = ops.listed(node.op());
      if (listed.isPresent()) {
        listedOp(node, node.op(), listed.orElseThrow(), "is");
      } else if (!ops.isStandard(node.op()) && !functions.contains(node.op())) {
        unknown(node, node.op(), "is");
      } else {
        attributes(node);
      }
      for (String ref : node.functionRefs()) {
        if (ref.isEmpty()) {
          continue;
        }
        Optional<TensorFlowOps.Listed> named = ops.listed(ref);
        if (named.isPresent() && !functions.contains(ref)) {
          listedOp(node, ref, named.orElseThrow(), "names in an attribute");
        } else if (!ops.isStandard(ref) && !functions.contains(ref)) {
          unknown(node, ref, "names in an attribute");
        }
      }
    }

    private void listedOp(Node node, String op, TensorFlowOps.Listed listed, String how) {
      List<String> paths =
          how.equals("is") ? constants(node, listed.pathInputs()) : new ArrayList<>();
      if (listed.opClass() == TensorFlowOps.OpClass.WRITE
          || listed.opClass() == TensorFlowOps.OpClass.READ) {
        for (List<String> values : node.stringAttributes().values()) {
          for (String v : values) {
            if (v.contains("://") || v.startsWith("/")) {
              paths.add(v);
            }
          }
        }
      }
      String outside = null;
      String outsidePath = null;
      for (String p : paths) {
        String why = outside(p);
        if (why != null) {
          outside = why;
          outsidePath = p;
          break;
        }
      }
      String base = where(node) + " " + how + " " + Untrusted.quote(op);
      switch (listed.opClass()) {
        case PYTHON ->
            add(SavedModelRule.PYTHON_CALLBACK, null, node, op, base + ", a Python callback.");
        case NETWORK ->
            add(
                SavedModelRule.NETWORK,
                null,
                node,
                op,
                base + ", which reaches other machines or processes.");
        case WRITE, READ -> {
          SavedModelRule which =
              listed.opClass() == TensorFlowOps.OpClass.WRITE
                  ? SavedModelRule.WRITES_FILES
                  : SavedModelRule.READS_FILES;
          String detail = base + pathText(paths, outsidePath, outside) + ".";
          add(which, outside == null ? null : Severity.CRITICAL, node, op, detail);
        }
        case CHECKPOINT, ASSET -> {
          if (outside != null && outsidePath != null) {
            add(
                SavedModelRule.FIXED_PATH_OUTSIDE,
                null,
                node,
                op,
                base + pathText(paths, outsidePath, outside) + ".");
          }
        }
      }
    }

    private static String pathText(
        List<String> paths, @Nullable String outsidePath, @Nullable String why) {
      if (outsidePath != null) {
        return " with the fixed path " + Untrusted.quote(outsidePath) + " (" + why + ")";
      }
      if (!paths.isEmpty()) {
        return " with the fixed path " + Untrusted.quote(paths.get(0));
      }
      return "";
    }

    /**
     * An op outside the 2.18 list. A name shaped like TensorFlow's own ops (CamelCase letters and
     * digits) may just be newer than the list (an export from a later TensorFlow): stock TensorFlow
     * refuses an op it has not registered ("Op type not registered"), so nothing runs unless a
     * library is loaded by hand, and medium keeps it reported without failing every model of a new
     * release. Anything else (a namespace such as {@code Addons>GeluGrad}, an underscore, a
     * function name the model does not define) stays high.
     */
    private void unknown(Node node, String op, String how) {
      if (!reportedUnknown.add(op)) {
        return;
      }
      add(
          SavedModelRule.UNKNOWN_OP,
          LIKE_A_STANDARD_OP.matcher(op).matches() ? Severity.MEDIUM : null,
          node,
          op,
          where(node)
              + " "
              + how
              + " "
              + Untrusted.quote(op)
              + ", which is neither a standard TensorFlow operation nor a function of the model.");
    }

    /** Standard ops whose attributes can point them at files. */
    private void attributes(Node node) {
      Map<String, List<String>> attrs = node.stringAttributes();
      if (node.op().equals("PrintV2")) {
        for (String stream : attrs.getOrDefault("output_stream", List.of())) {
          if (stream.startsWith("file://")) {
            add(
                SavedModelRule.WRITES_FILES,
                outside(stream.substring("file://".length())) == null ? null : Severity.CRITICAL,
                node,
                "PrintV2",
                where(node) + " prints to the file " + Untrusted.quote(stream) + ".");
          }
        }
      }
      if (node.op().equals("DecodeProtoV2") || node.op().equals("EncodeProto")) {
        for (String source : attrs.getOrDefault("descriptor_source", List.of())) {
          if (!source.isEmpty() && !source.equals("local://") && !source.startsWith("bytes://")) {
            add(
                SavedModelRule.READS_FILES,
                null,
                node,
                node.op(),
                where(node)
                    + " loads its proto descriptors from the file "
                    + Untrusted.quote(source)
                    + ".");
          }
        }
      }
    }

    /** The constant strings that reach the given inputs through path plumbing. */
    private List<String> constants(Node node, List<Integer> inputs) {
      Map<String, Node> scope = scopes.getOrDefault(node.scope(), Map.of());
      Deque<String> queue = new ArrayDeque<>();
      for (int i : inputs) {
        if (i < node.inputs().size()) {
          queue.add(node.inputs().get(i));
        }
      }
      List<String> found = new ArrayList<>();
      Set<String> visited = new HashSet<>();
      while (!queue.isEmpty() && visited.size() < MAX_VISITED && found.size() < MAX_CONSTANTS) {
        String input = queue.poll();
        if (input.startsWith("^")) {
          continue;
        }
        int colon = input.indexOf(':');
        String name = colon < 0 ? input : input.substring(0, colon);
        Node source = scope.get(name);
        if (source == null || !visited.add(name) || !PATH_PLUMBING.contains(source.op())) {
          continue;
        }
        for (String s : source.tensorStrings()) {
          if (!s.isEmpty() && found.size() < MAX_CONSTANTS) {
            found.add(s);
          }
        }
        queue.addAll(source.inputs());
      }
      return found;
    }

    private String where(Node node) {
      return "Operation "
          + Untrusted.quote(node.name())
          + " ("
          + Untrusted.escape(node.scope())
          + ")";
    }

    private void add(
        SavedModelRule which, @Nullable Severity ranked, Node node, String subject, String detail) {
      if (findings.size() >= MAX_FINDINGS) {
        return;
      }
      Rule rule = rule(which);
      findings.add(
          rule.finding(
              ranked == null ? rule.severity() : ranked,
              Location.at(node.offset()),
              Untrusted.escape(subject),
              detail));
    }
  }
}
