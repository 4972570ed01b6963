package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.finding.Location;
import dev.custody.format.gguf.GgufFile;
import dev.custody.format.gguf.GgufLimits;
import dev.custody.format.gguf.GgufReader;
import dev.custody.format.gguf.GgufValue;
import dev.custody.format.gguf.MalformedGgufException;
import dev.custody.internal.Untrusted;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scans a GGUF file: its structure as llama.cpp's reference reader checks it (GGUF-001, GGUF-008,
 * GGUF-009), and every chat template in its metadata ({@code tokenizer.chat_template}, the named
 * {@code tokenizer.chat_template.*} variants, any other key holding a chat template) as the Jinja2
 * program inference servers render (GGUF-002 to GGUF-007). Only the metadata is read, never the
 * tensor data. Thread-safe.
 */
public final class GgufScanner {
  /** Structural findings kept per file. */
  static final int MAX_FINDINGS = 1_000;

  private final GgufLimits limits;
  private final RuleBook rules = RuleBook.standard();

  private GgufScanner(GgufLimits limits) {
    this.limits = limits;
  }

  /** A scanner with {@link GgufLimits#DEFAULT}. */
  public static GgufScanner standard() {
    return new GgufScanner(GgufLimits.DEFAULT);
  }

  /** A scanner with other limits. */
  public static GgufScanner withLimits(GgufLimits limits) {
    return new GgufScanner(limits);
  }

  /** Scans the whole file in {@code data} (position to limit). */
  public ScanResult scan(ByteBuffer data) {
    return scan(data, data.remaining());
  }

  /** Scans a whole byte array. */
  public ScanResult scan(byte[] data) {
    return scan(ByteBuffer.wrap(data));
  }

  /**
   * Scans a file of {@code fileSize} bytes from its first bytes, {@code prefix}: the metadata and
   * tensor descriptions must lie in the prefix (else the scan is incomplete), the tensor data need
   * not.
   */
  public ScanResult scan(ByteBuffer prefix, long fileSize) {
    GgufFile file = GgufReader.read(prefix, fileSize, limits);
    List<Finding> findings = new ArrayList<>();
    boolean completed = file.completed();
    for (GgufFile.KeyValue kv : file.keyValues()) {
      if (!kv.key().contains("chat_template")) {
        continue;
      }
      List<GgufValue.Text> templates = new ArrayList<>();
      if (kv.value() instanceof GgufValue.Text text) {
        templates.add(text);
      } else if (kv.value() instanceof GgufValue.Array array) {
        for (GgufValue v : array.retained()) {
          if (v instanceof GgufValue.Text text) {
            templates.add(text);
          }
        }
      }
      String container = "metadata " + Untrusted.escape(kv.key());
      for (GgufValue.Text text : templates) {
        if (text.retained()) {
          findings.addAll(ChatTemplateRules.judge(rules, container, text.value()));
        } else {
          completed = false;
          findings.add(
              rule(FormatRule.GGUF_TEMPLATE_UNREADABLE)
                  .finding(
                      new Location(List.of(container), 0),
                      "length",
                      "The template is "
                          + text.length()
                          + " bytes long, more than custody retains ("
                          + limits.maxRetainedString()
                          + ")."));
        }
      }
    }
    int structural = 0;
    for (GgufFile.Problem p : file.problems()) {
      if (structural++ == MAX_FINDINGS) {
        break;
      }
      FormatRule which =
          switch (p.kind()) {
            case REJECTED_BY_REFERENCE -> FormatRule.GGUF_MALFORMED;
            case TRAILING_BYTES -> FormatRule.GGUF_TRAILING_BYTES;
          };
      findings.add(
          rule(which)
              .finding(
                  Location.at(p.offset()),
                  Untrusted.escape(p.subject()),
                  SafetensorsScanner.capitalized(p.message()) + "."));
    }
    MalformedGgufException failure = file.failure();
    if (failure != null) {
      FormatRule which =
          switch (failure.reason()) {
            case MALFORMED -> FormatRule.GGUF_MALFORMED;
            case LIMIT_EXCEEDED -> FormatRule.GGUF_LIMIT;
          };
      findings.add(
          rule(which)
              .finding(
                  Location.at(failure.offset()),
                  "structure",
                  "Reading stopped: "
                      + failure.getMessage()
                      + ". Findings above were made before this point."));
    }
    findings.sort(Comparator.comparing(Finding::severity));
    return new ScanResult(findings, completed);
  }

  private Rule rule(FormatRule which) {
    return rules.rule(which.id());
  }
}
