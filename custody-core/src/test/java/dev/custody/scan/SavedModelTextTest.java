package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.format.savedmodel.SavedModelLimits;
import dev.custody.format.savedmodel.SavedModelReader;
import dev.custody.format.savedmodel.SavedModelTextReader;
import dev.custody.testkit.SavedModelBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code saved_model.pbtxt}: every SavedModel of {@link SavedModelTechniquesTest} printed as
 * protobuf text ({@link SavedModelText}) reads into the same operations as its binary form, so the
 * same rules fire at the same severities; the benign exports stay clean; broken or oversized text
 * is incomplete with a finding that says where.
 */
class SavedModelTextTest {
  private static ScanResult scanText(byte[] text) {
    assertThat(FormatDetector.detect(text)).isEqualTo(ModelFormat.SAVED_MODEL_TEXT);
    return Scanner.standard().scan(ByteBuffer.wrap(text));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.custody.scan.SavedModelTechniquesTest#techniques")
  void techniquesInTextAreCaughtLikeInBinary(
      String name, byte[] pb, String rule, Severity severity, String subject) {
    byte[] text = SavedModelText.print(pb);
    var binary = SavedModelReader.read(pb, SavedModelLimits.DEFAULT);
    var fromText = SavedModelTextReader.read(text, SavedModelLimits.DEFAULT);
    assertThat(fromText.completed()).as("%s", fromText.failure()).isTrue();
    assertThat(fromText.nodes())
        .extracting(n -> n.scope() + " " + n.name() + " " + n.op() + " " + n.inputs())
        .containsExactlyElementsOf(
            binary.nodes().stream()
                .map(n -> n.scope() + " " + n.name() + " " + n.op() + " " + n.inputs())
                .toList());

    ScanResult result = scanText(text);
    assertThat(result.completed()).isTrue();
    assertThat(result.findings())
        .as("%s: %s", name, result.findings())
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo(rule);
          assertThat(f.severity()).isEqualTo(severity);
          assertThat(f.subject()).isEqualTo(subject);
          assertThat(textAt(text, f)).startsWith("node");
        });
  }

  private static String textAt(byte[] text, Finding f) {
    int at = (int) f.location().offset();
    return new String(text, at, Math.min(8, text.length - at), StandardCharsets.UTF_8);
  }

  @Test
  void benignExportsInTextAreClean() {
    for (SavedModelBuilder model :
        new SavedModelBuilder[] {
          SavedModelBuilder.denseLayer(), SavedModelBuilder.tf1DenseLayer()
        }) {
      ScanResult result = scanText(SavedModelText.print(model.bytes()));
      assertThat(result.findings()).isEmpty();
      assertThat(result.completed()).isTrue();
    }
  }

  @Test
  void textFormSyntaxIsReadAsTensorFlowWritesIt() {
    String pbtxt =
        """
        saved_model_schema_version: 1
        meta_graphs {
          meta_info_def { tags: "serve" tensorflow_version: "2.18.0" any_info {
            [type.googleapis.com/tensorflow.Something] { x: 1 } } }
          graph_def {
            versions { producer: 1882 min_consumer: 12 }
            node { name: "p" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
                   attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape {}
                          string_val: "/etc/" 'pass' "\\167d" } } } }
            node: < name: 'leak' op: "Read" "File" input: ["p"] ; > ,
            node { name: "f" op: "Const" attr { key: "value" value { f: -1.5e-3 } } }
          }
        }
        """;
    ScanResult result = scanText(pbtxt.getBytes(StandardCharsets.UTF_8));
    assertThat(result.completed()).as("%s", result.findings()).isTrue();
    assertThat(result.findings())
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo("TF-003");
          assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
          assertThat(f.explanation()).contains("/etc/passwd");
        });
  }

  @Test
  void brokenTextIsIncompleteAndSaysWhere() {
    String pbtxt = "meta_graphs {\n  graph_def {\n    node { name: \"x\" op: \"PyFunc\" }\n";
    ScanResult result = scanText(pbtxt.getBytes(StandardCharsets.UTF_8));
    assertThat(result.completed()).isFalse();
    assertThat(result.findings()).extracting(f -> f.rule().value()).contains("TF-001");
    assertThat(result.findings())
        .anySatisfy(f -> assertThat(f.explanation()).contains("ends inside a message"));
  }

  @Test
  void nestingAndTokenLimitsStopReading() {
    String deep = "meta_graphs " + "{ x ".repeat(100) + "}".repeat(100);
    var graph =
        SavedModelTextReader.read(
            deep.getBytes(StandardCharsets.UTF_8), new SavedModelLimits(16, 1_000, 100, 64, 8));
    assertThat(graph.completed()).isFalse();
    assertThat(String.valueOf(graph.failure())).contains("deeper than 16");

    String many = "meta_graphs { " + "a: 1 ".repeat(1_000) + "}";
    var counted =
        SavedModelTextReader.read(
            many.getBytes(StandardCharsets.UTF_8), new SavedModelLimits(16, 500, 100, 64, 8));
    assertThat(String.valueOf(counted.failure())).contains("more than 500 tokens");
  }

  private static byte[] handWritten(String name) throws java.io.IOException {
    return java.nio.file.Files.readAllBytes(
        java.nio.file.Path.of(
            "src/test/resources/dev/custody/format/savedmodel/"
                + "SavedModelTextReaderFuzzTestInputs/readingIsTotal",
            name));
  }

  @Test
  void handWrittenTextsAreJudged() throws Exception {
    ScanResult benign = scanText(handWritten("benign-saver.pbtxt"));
    assertThat(benign.findings()).isEmpty();
    assertThat(benign.completed()).isTrue();

    ScanResult evil = scanText(handWritten("evil-pyfunc-in-library.pbtxt"));
    assertThat(evil.completed()).isTrue();
    assertThat(evil.findings())
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo("TF-001");
          assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        })
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo("TF-002");
          assertThat(f.explanation()).contains("/tmp/custody-marker");
        });
  }
}
