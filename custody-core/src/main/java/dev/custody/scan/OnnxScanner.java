package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.format.onnx.MalformedOnnxException;
import dev.custody.format.onnx.OnnxLimits;
import dev.custody.format.onnx.OnnxModel;
import dev.custody.format.onnx.OnnxReader;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scans an ONNX model: external-data locations judged lexically against the model folder (ONNX-001
 * to ONNX-003), operators outside the standard domains (ONNX-004, ONNX-005), imported custom
 * operator sets (ONNX-006), the protobuf's structure (ONNX-007, ONNX-008), and offsets or lengths
 * of external data that are not byte counts (ONNX-010). Symlinks, hard links and byte ranges past
 * the end of an external file need the folder itself and are judged by {@link Companions}.
 * Thread-safe.
 */
public final class OnnxScanner {
  /** Findings kept per model. */
  static final int MAX_FINDINGS = 1_000;

  /** Domains whose operators ONNX itself defines. */
  static final Set<String> STANDARD_DOMAINS =
      Set.of("", "ai.onnx", "ai.onnx.ml", "ai.onnx.training", "ai.onnx.preview.training");

  /** ONNX Runtime's built-in contrib operators. */
  static final Set<String> CONTRIB_DOMAINS =
      Set.of("com.microsoft", "com.microsoft.nchwc", "com.microsoft.experimental");

  private final OnnxLimits limits;
  private final RuleBook rules = RuleBook.standard();

  private OnnxScanner(OnnxLimits limits) {
    this.limits = limits;
  }

  /** A scanner with {@link OnnxLimits#DEFAULT}. */
  public static OnnxScanner standard() {
    return new OnnxScanner(OnnxLimits.DEFAULT);
  }

  /** A scanner with other limits. */
  public static OnnxScanner withLimits(OnnxLimits limits) {
    return new OnnxScanner(limits);
  }

  /** Scans a whole byte array. */
  public ScanResult scan(byte[] data) {
    return scan(ByteBuffer.wrap(data));
  }

  /** Scans the model in {@code data} (position to limit). */
  public ScanResult scan(ByteBuffer data) {
    OnnxModel model = OnnxReader.read(data, limits);
    List<Finding> findings = new ArrayList<>();
    for (OnnxModel.ExternalData e : model.externalData()) {
      if (findings.size() >= MAX_FINDINGS) {
        break;
      }
      externalData(e, findings);
    }
    Set<String> local = new HashSet<>();
    Set<String> localDomains = new HashSet<>();
    for (OnnxModel.Function f : model.functions()) {
      local.add(f.domain() + "\0" + f.name());
      localDomains.add(f.domain());
    }
    Set<String> seen = new HashSet<>();
    for (OnnxModel.Operator op : model.operators()) {
      String key = op.domain() + "\0" + op.opType();
      if (STANDARD_DOMAINS.contains(op.domain()) || local.contains(key) || !seen.add(key)) {
        continue;
      }
      if (findings.size() >= MAX_FINDINGS) {
        break;
      }
      FormatRule which =
          isContrib(op.domain()) ? FormatRule.ONNX_CONTRIB_OP : FormatRule.ONNX_CUSTOM_OP;
      findings.add(
          rule(which)
              .finding(
                  Location.at(op.offset()),
                  Untrusted.escape(op.domain() + "::" + op.opType()),
                  "Node "
                      + Untrusted.quote(op.node())
                      + " ("
                      + Untrusted.escape(op.path())
                      + ") uses operator "
                      + Untrusted.quote(op.opType())
                      + " of domain "
                      + Untrusted.quote(op.domain())
                      + "."));
    }
    Set<String> domains = new HashSet<>();
    for (OnnxModel.OpsetImport opset : model.opsetImports()) {
      String d = opset.domain();
      if (STANDARD_DOMAINS.contains(d)
          || isContrib(d)
          || localDomains.contains(d)
          || !domains.add(d)
          || findings.size() >= MAX_FINDINGS) {
        continue;
      }
      findings.add(
          rule(FormatRule.ONNX_CUSTOM_OPSET)
              .finding(
                  Location.at(opset.offset()),
                  Untrusted.escape(d),
                  "The model imports operator set "
                      + Untrusted.quote(d)
                      + " version "
                      + opset.version()
                      + "."));
    }
    MalformedOnnxException failure = model.failure();
    if (failure != null) {
      FormatRule which =
          switch (failure.reason()) {
            case MALFORMED -> FormatRule.ONNX_MALFORMED;
            case LIMIT_EXCEEDED -> FormatRule.ONNX_LIMIT;
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
    return new ScanResult(findings, model.completed(), companions(model));
  }

  /**
   * The external-data files inside the model folder, each once with the furthest byte any tensor
   * reads from it, for the folder-level checks.
   */
  private static List<Companion> companions(OnnxModel model) {
    java.util.Map<String, Companion> files = new java.util.LinkedHashMap<>();
    for (OnnxModel.ExternalData e : model.externalData()) {
      String location = e.location();
      if (location == null
          || location.isEmpty()
          || PathVerdict.of(location).kind() == PathVerdict.Kind.OUTSIDE
          || (files.size() >= MAX_FINDINGS && !files.containsKey(location))) {
        continue;
      }
      long start = byteCount(e.dataOffset()).orElse(0L);
      long length = byteCount(e.dataLength()).orElse(0L);
      Companion c = new Companion(location, e.tensor(), start + length);
      files.merge(location, c, Companion::further);
    }
    return List.copyOf(files.values());
  }

  /**
   * An {@code offset} or {@code length} entry as onnx reads it: absent or empty means none (onnx
   * tests the text's truthiness before {@code int()}); otherwise plain decimal digits, at most 18
   * so that offset plus length cannot overflow. Anything else is empty here and ONNX-010 on the
   * model.
   */
  static java.util.OptionalLong byteCount(@org.jspecify.annotations.Nullable String text) {
    if (text == null || text.isEmpty() || text.length() > 18) {
      return java.util.OptionalLong.empty();
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return java.util.OptionalLong.empty();
      }
    }
    return java.util.OptionalLong.of(Long.parseLong(text));
  }

  /** ONNX-010 for an offset or length that is not a plain byte count. */
  private void range(OnnxModel.ExternalData e, String where, List<Finding> findings) {
    for (String[] entry : new String[][] {{"offset", e.dataOffset()}, {"length", e.dataLength()}}) {
      String text = entry[1];
      if (text != null && !text.isEmpty() && byteCount(text).isEmpty()) {
        findings.add(
            rule(FormatRule.ONNX_EXTERNAL_RANGE)
                .finding(
                    Location.at(e.offset()),
                    Untrusted.escape(e.location() == null ? "no location" : e.location()),
                    where
                        + "names its data's "
                        + entry[0]
                        + " as "
                        + Untrusted.quote(text)
                        + ", not a plain decimal byte count (at most 18 digits); loaders parse"
                        + " such text differently or refuse it."));
      }
    }
  }

  private void externalData(OnnxModel.ExternalData e, List<Finding> findings) {
    String where =
        "Tensor " + Untrusted.quote(e.tensor()) + " (" + Untrusted.escape(e.path()) + ") ";
    range(e, where, findings);
    String location = e.location();
    if (location == null) {
      findings.add(
          rule(FormatRule.ONNX_EXTERNAL_ODD_PATH)
              .finding(
                  Location.at(e.offset()),
                  "no location",
                  where + "is marked as external data but names no location."));
      return;
    }
    PathVerdict verdict = PathVerdict.of(location);
    FormatRule which =
        switch (verdict.kind()) {
          case OUTSIDE -> FormatRule.ONNX_EXTERNAL_OUTSIDE;
          case ODD -> FormatRule.ONNX_EXTERNAL_ODD_PATH;
          case INSIDE -> FormatRule.ONNX_EXTERNAL_DATA;
        };
    findings.add(
        rule(which)
            .finding(
                Location.at(e.offset()),
                Untrusted.escape(location),
                where
                    + "reads its data from "
                    + Untrusted.quote(location)
                    + (verdict.why().isEmpty() ? "." : ": " + verdict.why() + ".")
                    + (e.externalFlag()
                        ? ""
                        : " (data_location is not EXTERNAL, but ONNX"
                            + " Runtime and other tools may still follow it.)")));
  }

  private static boolean isContrib(String domain) {
    return CONTRIB_DOMAINS.contains(domain);
  }

  private Rule rule(FormatRule which) {
    return rules.rule(which.id());
  }

  /** Where an external-data location leads, judged lexically with both separators. */
  record PathVerdict(Kind kind, String why) {
    enum Kind {
      OUTSIDE,
      ODD,
      INSIDE
    }

    static PathVerdict of(String location) {
      if (location.isEmpty()) {
        return new PathVerdict(Kind.ODD, "the location is empty");
      }
      char first = location.charAt(0);
      if (first == '/' || first == '\\') {
        return new PathVerdict(Kind.OUTSIDE, "an absolute path");
      }
      if (location.length() >= 2
          && location.charAt(1) == ':'
          && ((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) {
        return new PathVerdict(Kind.OUTSIDE, "a Windows drive path");
      }
      if (first == '~') {
        return new PathVerdict(Kind.ODD, "it starts with ~, a home directory to some tools");
      }
      int depth = 0;
      boolean dotDot = false;
      boolean empty = false;
      for (String part : location.split("[/\\\\]", -1)) {
        if (part.equals("..")) {
          dotDot = true;
          if (--depth < 0) {
            return new PathVerdict(Kind.OUTSIDE, "it climbs out of the model folder with ..");
          }
        } else if (part.isEmpty()) {
          empty = true;
        } else if (!part.equals(".")) {
          depth++;
        }
      }
      List<String> odd = new ArrayList<>();
      if (dotDot) {
        odd.add("it contains .. components");
      }
      if (location.indexOf('\\') >= 0) {
        odd.add("it contains backslashes");
      }
      if (first == '#') {
        odd.add("it starts with #, which ONNX treats specially");
      }
      if (empty) {
        odd.add("it has empty components");
      }
      if (location.indexOf(':') >= 0) {
        odd.add("it contains a colon (a drive or an alternate data stream on Windows)");
      }
      if (location.chars().anyMatch(c -> c < 0x20 || c == 0x7F || c == 0xFFFD)) {
        odd.add("it contains control characters or bytes that are not UTF-8");
      }
      if (depth == 0 && !odd.isEmpty()) {
        odd.add("it names the model folder itself");
      }
      return odd.isEmpty()
          ? new PathVerdict(Kind.INSIDE, "")
          : new PathVerdict(Kind.ODD, String.join("; ", odd));
    }
  }
}
