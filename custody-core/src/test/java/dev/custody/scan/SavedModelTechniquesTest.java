package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.format.savedmodel.SavedModelLimits;
import dev.custody.testkit.KerasMetadataBuilder;
import dev.custody.testkit.ProtoWriter;
import dev.custody.testkit.SavedModelBuilder;
import dev.custody.testkit.SavedModelBuilder.Op;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TensorFlow SavedModel: the graphs TensorFlow 1 and 2 export (with their saver subgraphs) are
 * clean; every technique of research/formats.md §7 and §10 #26 (file operations, Python callbacks,
 * ops hidden in library functions or named only by an attribute, saver ops pointed outside the
 * model, custom ops, the Keras metadata's Lambda layers) is caught at the right severity.
 */
class SavedModelTechniquesTest {
  private static ScanResult scan(byte[] pb) {
    assertThat(FormatDetector.detect(pb)).isEqualTo(ModelFormat.SAVED_MODEL);
    return SavedModelScanner.standard().scan(pb);
  }

  @Test
  void tensorFlow2DenseLayerIsClean() {
    ScanResult result = scan(SavedModelBuilder.denseLayer().bytes());
    assertThat(result.findings()).isEmpty();
    assertThat(result.completed()).isTrue();
  }

  @Test
  void tensorFlow1DenseLayerWithItsSaverIsClean() {
    ScanResult result = scan(SavedModelBuilder.tf1DenseLayer().bytes());
    assertThat(result.findings()).isEmpty();
    assertThat(result.completed()).isTrue();
  }

  @Test
  void vocabularyTableFromTheAssetsFolderIsClean() {
    byte[] pb =
        SavedModelBuilder.denseLayer()
            .function(
                "__inference_initializer_40",
                Op.of("InitializeTableFromTextFileV2", "InitializeTableFromTextFileV2", "t", "f"))
            .bytes();
    assertThat(scan(pb).findings()).isEmpty();
  }

  @Test
  void savedModelIsNotTakenForOnnxNorOnnxForASavedModel() {
    byte[] withoutVersion = SavedModelBuilder.denseLayer().schemaVersion(0).bytes();
    assertThat(FormatDetector.detect(withoutVersion)).isEqualTo(ModelFormat.SAVED_MODEL);
    byte[] onnx =
        ProtoWriter.create()
            .varint(1, 8)
            .string(2, "pytorch")
            .string(3, "2.5.0")
            .message(7, ProtoWriter.create().message(1, ProtoWriter.create().string(4, "Relu")))
            .message(8, ProtoWriter.create().varint(2, 17))
            .toBytes();
    assertThat(FormatDetector.detect(onnx)).isEqualTo(ModelFormat.ONNX);
    // A SavedModel-looking start whose meta graph holds an ONNX-only field stays ONNX.
    byte[] mixed =
        ProtoWriter.create()
            .varint(1, 1)
            .message(2, ProtoWriter.create().message(2, ProtoWriter.create()))
            .message(7, ProtoWriter.create())
            .toBytes();
    assertThat(FormatDetector.detect(mixed)).isNotEqualTo(ModelFormat.SAVED_MODEL);
  }

  @Test
  void textFormatSavedModelIsRecognisedAndJudged() {
    String pbtxt =
        """
        # saved by hand
        saved_model_schema_version: 1
        meta_graphs {
          graph_def {
            node {
              name: "r"
              op: "ReadFile"
            }
          }
        }
        """;
    byte[] bytes = pbtxt.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(FormatDetector.detect(bytes)).isEqualTo(ModelFormat.SAVED_MODEL_TEXT);
    assertThat(
            FormatDetector.detect(
                "meta_graphs {\n}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(ModelFormat.SAVED_MODEL_TEXT);
    assertThat(
            FormatDetector.detect(
                "meta_graphs are described below\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(ModelFormat.TEXT);
    ScanResult result = Scanner.standard().scan(java.nio.ByteBuffer.wrap(bytes));
    assertThat(result.completed()).isTrue();
    assertThat(result.findings()).extracting(f -> f.rule().value()).containsExactly("TF-003");
  }

  static Stream<Arguments> techniques() {
    return Stream.of(
        tech(
            "ReadFile of a fixed absolute path in the graph",
            SavedModelBuilder.denseLayer()
                .node(Op.constant("path", "/etc/passwd"))
                .node(Op.of("leak", "ReadFile", "path")),
            "TF-003",
            Severity.CRITICAL,
            "ReadFile"),
        tech(
            "ReadFile of a path from an input",
            SavedModelBuilder.denseLayer()
                .node(Op.of("leak", "ReadFile", "serving_default_inputs")),
            "TF-003",
            Severity.HIGH,
            "ReadFile"),
        tech(
            "WriteFile hidden in a library function nobody calls",
            SavedModelBuilder.denseLayer()
                .function(
                    "__inference_helper_7",
                    Op.constant("p", "payload.sh"),
                    Op.of("w", "WriteFile", "p:output:0", "contents")),
            "TF-002",
            Severity.HIGH,
            "WriteFile"),
        tech(
            "WriteFile into the home folder through Identity and StringJoin",
            SavedModelBuilder.denseLayer()
                .function(
                    "__inference_call_9",
                    Op.constant("home", "/root/"),
                    Op.constant("rc", ".bashrc"),
                    Op.of("join", "StringJoin", "home:output:0", "rc:output:0"),
                    Op.of("same", "Identity", "join:output:0"),
                    Op.of("w", "WriteFile", "same:output:0", "contents")),
            "TF-002",
            Severity.CRITICAL,
            "WriteFile"),
        tech(
            "PyFunc in the graph",
            SavedModelBuilder.denseLayer()
                .node(Op.of("cb", "PyFunc", "serving_default_inputs").attr("token", "pyfunc_0")),
            "TF-001",
            Severity.CRITICAL,
            "PyFunc"),
        tech(
            "EagerPyFunc hidden in a library function",
            SavedModelBuilder.denseLayer()
                .function("__inference_f_3", Op.of("cb", "EagerPyFunc", "x").attr("token", "t")),
            "TF-001",
            Severity.CRITICAL,
            "EagerPyFunc"),
        tech(
            "PyFuncStateless named only by a function attribute",
            SavedModelBuilder.denseLayer()
                .node(
                    Op.of("call", "PartitionedCall", "serving_default_inputs")
                        .function("f", "PyFuncStateless")),
            "TF-001",
            Severity.CRITICAL,
            "PyFuncStateless"),
        tech(
            "custom op from a shared library",
            SavedModelBuilder.denseLayer()
                .node(Op.of("x", "MyCustomRunShell", "serving_default_inputs")),
            "TF-005",
            Severity.MEDIUM,
            "MyCustomRunShell"),
        tech(
            "namespaced custom op from a shared library",
            SavedModelBuilder.denseLayer()
                .node(Op.of("x", "Addons>RunShell", "serving_default_inputs")),
            "TF-005",
            Severity.HIGH,
            "Addons>RunShell"),
        tech(
            "custom op inside a function",
            SavedModelBuilder.denseLayer()
                .function("__inference_g_1", Op.of("x", "Zeta_Exec", "a")),
            "TF-005",
            Severity.HIGH,
            "Zeta_Exec"),
        tech(
            "call of a function the model does not define",
            SavedModelBuilder.denseLayer()
                .node(
                    Op.of("call", "StatefulPartitionedCall")
                        .function("f", "__inference_missing_1")),
            "TF-005",
            Severity.HIGH,
            "__inference_missing_1"),
        tech(
            "SaveV2 to a fixed path outside the model",
            SavedModelBuilder.denseLayer()
                .node(Op.constant("prefix", "/tmp/exfil/ckpt"))
                .node(Op.of("save", "SaveV2", "prefix", "names", "slices", "dense/kernel")),
            "TF-006",
            Severity.HIGH,
            "SaveV2"),
        tech(
            "RestoreV2 from a bucket",
            SavedModelBuilder.denseLayer()
                .node(Op.constant("prefix", "gs://attacker/weights"))
                .node(Op.of("restore", "RestoreV2", "prefix", "names", "slices")),
            "TF-006",
            Severity.HIGH,
            "RestoreV2"),
        tech(
            "vocabulary table read from above the model folder",
            SavedModelBuilder.denseLayer()
                .function(
                    "__inference_init_2",
                    Op.constant("vocab", "assets/../../../etc/shadow"),
                    Op.of("init", "InitializeTableFromTextFileV2", "table", "vocab:output:0")),
            "TF-006",
            Severity.HIGH,
            "InitializeTableFromTextFileV2"),
        tech(
            "tf.data service dataset",
            SavedModelBuilder.denseLayer().node(Op.of("ds", "DataServiceDatasetV4", "a")),
            "TF-004",
            Severity.HIGH,
            "DataServiceDatasetV4"),
        tech(
            "PrintV2 to a file",
            SavedModelBuilder.denseLayer()
                .node(Op.of("p", "PrintV2", "x").attr("output_stream", "file:///tmp/log.txt")),
            "TF-002",
            Severity.CRITICAL,
            "PrintV2"),
        tech(
            "DebugIdentity dumping to a URL",
            SavedModelBuilder.denseLayer()
                .node(
                    Op.of("d", "DebugIdentity", "x")
                        .attrList("debug_urls", "grpc://10.0.0.1:6064")),
            "TF-002",
            Severity.CRITICAL,
            "DebugIdentity"),
        tech(
            "proto descriptors from a file",
            SavedModelBuilder.denseLayer()
                .node(Op.of("d", "DecodeProtoV2", "x").attr("descriptor_source", "/etc/x.desc")),
            "TF-003",
            Severity.HIGH,
            "DecodeProtoV2"),
        tech(
            "memory-mapped constant",
            SavedModelBuilder.denseLayer()
                .node(Op.of("c", "ImmutableConst").attr("memory_region_name", "/dev/mem")),
            "TF-003",
            Severity.CRITICAL,
            "ImmutableConst"));
  }

  private static Arguments tech(
      String name, SavedModelBuilder model, String rule, Severity severity, String subject) {
    return Arguments.of(name, model.bytes(), rule, severity, subject);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("techniques")
  void techniquesAreCaught(String name, byte[] pb, String rule, Severity severity, String subject) {
    ScanResult result = scan(pb);
    assertThat(result.findings())
        .as("%s: %s", name, result.findings())
        .anySatisfy(f -> {
          assertThat(f.rule().value()).isEqualTo(rule);
          assertThat(f.severity()).isEqualTo(severity);
          assertThat(f.subject()).isEqualTo(subject);
        });
    assertThat(result.completed()).isTrue();
  }

  @Test
  void opWrittenTwiceIsReadAsProtobufDoes_lastValueWins() {
    ProtoWriter node = ProtoWriter.create().string(1, "n").string(2, "MatMul").string(2, "PyFunc");
    ProtoWriter graph = ProtoWriter.create().message(1, node);
    byte[] pb =
        ProtoWriter.create()
            .varint(1, 1)
            .message(2, ProtoWriter.create().message(2, graph))
            .toBytes();
    assertThat(scan(pb).findings()).extracting(Finding::subject).contains("PyFunc");
  }

  @Test
  void graphWrittenInTwoPiecesIsSeenWhole() {
    ProtoWriter first =
        ProtoWriter.create().message(1, ProtoWriter.create().string(1, "a").string(2, "MatMul"));
    ProtoWriter second =
        ProtoWriter.create().message(1, ProtoWriter.create().string(1, "b").string(2, "WriteFile"));
    byte[] pb =
        ProtoWriter.create()
            .varint(1, 1)
            .message(2, ProtoWriter.create().message(2, first).message(2, second))
            .toBytes();
    assertThat(scan(pb).findings()).extracting(f -> f.rule().value()).contains("TF-002");
  }

  @Test
  void malformedLibraryKeepsEarlierFindingsAndIsIncomplete() {
    // The library's function claims 127 bytes inside a library of 3: TensorFlow refuses it.
    ProtoWriter graph =
        ProtoWriter.create()
            .message(1, ProtoWriter.create().string(1, "cb").string(2, "PyFunc"))
            .bytes(2, new byte[] {0x0a, 0x7f, 0x01});
    byte[] pb =
        ProtoWriter.create()
            .varint(1, 1)
            .message(2, ProtoWriter.create().message(2, graph))
            .toBytes();
    ScanResult result = scan(pb);
    assertThat(result.completed()).isFalse();
    assertThat(result.findings()).extracting(f -> f.rule().value()).contains("TF-001", "TF-007");
  }

  @Test
  void modelCutShortIsIncomplete() {
    byte[] whole = SavedModelBuilder.denseLayer().bytes();
    ScanResult result = SavedModelScanner.standard().scan(Arrays.copyOf(whole, whole.length - 30));
    assertThat(result.completed()).isFalse();
    assertThat(result.findings()).extracting(f -> f.rule().value()).containsExactly("TF-007");
  }

  @Test
  void operationLimitStopsTheScan() {
    SavedModelScanner small =
        SavedModelScanner.withLimits(new SavedModelLimits(64, 1_000_000, 10, 256, 16));
    SavedModelBuilder model = SavedModelBuilder.create();
    for (int i = 0; i < 20; i++) {
      model.node(Op.of("n" + i, "Relu"));
    }
    ScanResult result = small.scan(model.bytes());
    assertThat(result.completed()).isFalse();
    assertThat(result.findings()).extracting(f -> f.rule().value()).containsExactly("TF-008");
  }

  private static final String DENSE_METADATA =
      "{\"name\": \"dense\", \"trainable\": true, \"expects_training_arg\": false, \"dtype\":"
          + " \"float32\", \"batch_input_shape\": null, \"stateful\": false,"
          + " \"must_restore_from_config\": false, \"class_name\": \"Dense\", \"config\": {\"name\":"
          + " \"dense\", \"trainable\": true, \"dtype\": \"float32\", \"units\": 4, \"activation\":"
          + " \"relu\", \"use_bias\": true}}";

  private static ScanResult scanMetadata(byte[] pb) {
    assertThat(FormatDetector.detect(pb)).isEqualTo(ModelFormat.KERAS_METADATA);
    return KerasMetadataScanner.standard().scan(java.nio.ByteBuffer.wrap(pb));
  }

  @Test
  void kerasMetadataOfPlainLayersIsClean() {
    byte[] pb =
        KerasMetadataBuilder.create()
            .object(
                "root",
                "_tf_keras_sequential",
                "{\"name\": \"sequential\", \"class_name\": \"Sequential\"}")
            .object("root.layer_with_weights-0", "_tf_keras_layer", DENSE_METADATA)
            .bytes();
    ScanResult result = scanMetadata(pb);
    assertThat(result.findings()).isEmpty();
    assertThat(result.completed()).isTrue();
  }

  @Test
  void kerasMetadataLambdaWithBytecodeIsCritical() {
    String lambda =
        "{\"name\": \"lambda\", \"class_name\": \"Lambda\", \"config\": {\"name\": \"lambda\","
            + " \"function\": {\"class_name\": \"__tuple__\", \"items\":"
            + " [\"4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMIAAAAdACDAFMAKQFO\", null, null]},"
            + " \"function_type\": \"lambda\", \"module\": \"__main__\"}}";
    ScanResult result =
        scanMetadata(
            KerasMetadataBuilder.create()
                .object(
                    "root",
                    "_tf_keras_model",
                    "{\"class_name\": \"Functional\", \"config\": {\"layers\": [" + lambda + "]}}")
                .object("root.layer-1", "_tf_keras_layer", lambda)
                .bytes());
    assertThat(result.findings())
        .extracting(f -> f.rule().value() + " " + f.severity() + " " + f.location().containers())
        .contains("TF-009 CRITICAL [object root]", "TF-009 CRITICAL [object root.layer-1]");
  }

  @Test
  void kerasMetadataLambdaNamingAModuleFunctionIsHigh() {
    String lambda =
        "{\"class_name\": \"Lambda\", \"config\": {\"name\": \"l\", \"function\": \"system\","
            + " \"function_type\": \"function\", \"module\": \"os\"}}";
    ScanResult result =
        scanMetadata(
            KerasMetadataBuilder.create()
                .object("root.layer-1", "_tf_keras_layer", lambda)
                .bytes());
    assertThat(result.findings())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.rule().value()).isEqualTo("TF-009");
          assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
  }

  @Test
  void kerasMetadataThatIsNotStrictJsonIsIncomplete() {
    String duplicate = "{\"class_name\": \"Dense\", \"class_name\": \"Lambda\"}";
    ScanResult result =
        scanMetadata(
            KerasMetadataBuilder.create().object("root", "_tf_keras_layer", duplicate).bytes());
    assertThat(result.completed()).isFalse();
    assertThat(result.findings()).extracting(f -> f.rule().value()).containsExactly("TF-010");
  }
}
