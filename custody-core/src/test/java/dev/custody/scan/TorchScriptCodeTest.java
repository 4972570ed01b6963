package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.testkit.PickleBuilder;
import dev.custody.testkit.TorchCheckpoints;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TorchScript archives: the code records are read for operators and classes beyond torch's own, and
 * the pickles are judged as torch.jit.load's C++ unpickler resolves globals. Payloads are harmless:
 * the paths are only written into the code, which nothing here compiles.
 */
class TorchScriptCodeTest {
  private static final byte[] EMPTY = ContainerTechniquesTest.EMPTY;

  private static ScanResult archive(String code) {
    return archive(EMPTY, code);
  }

  private static ScanResult archive(byte[] dataPkl, String code) {
    byte[] zip = TorchCheckpoints.torchScript("m", dataPkl, EMPTY, code).bytes();
    return TorchZipScanner.standard().scan(ByteBuffer.wrap(zip), ContainerTechniquesTest.AS_PICKLE);
  }

  private static List<String> rules(ScanResult result) {
    return result.findings().stream().map(f -> f.rule().value() + " " + f.severity()).toList();
  }

  private static String forward(String body) {
    return "class M(Module):\n  __parameters__ = []\n"
        + "  def forward(self: __torch__.M, x: Tensor) -> Tensor:\n"
        + body;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "    torch.save(x, \"/tmp/custody-test-marker\")\n    return x\n",
        "    y = torch.from_file(\"/etc/hostname\", False, 4)\n    return y\n",
        "    getattr(torch, \"save\")(x, \"/tmp/custody-test-marker\")\n    return x\n",
        "    torch.autograd.save(x, \"/tmp/custody-test-marker\")\n    return x\n",
        "    ops.aten.from_file(\"/etc/hostname\")\n    return x\n",
        "    ops.anything.autograd.save(x, \"/tmp/custody-test-marker\")\n    return x\n",
        "    f = torch . # split over a comment\n      save\n    f(x, 'm')\n    return x\n",
        "    g : __torch__.torch.classes.c10d.ProcessGroup = self.g\n    return x\n",
        "    ops.c10d.allreduce_([x], g, 0, -1)\n    return x\n"
      })
  void operatorsThatReachFilesOrTheNetworkAreHigh(String body) {
    ScanResult result = archive(forward(body));
    assertThat(rules(result)).containsExactly("TORCH-005 HIGH", "TORCH-001 LOW");
    Finding f = result.findings().get(0);
    assertThat(f.location().containers()).containsExactly("m/code/__torch__.py");
    assertThat(result.completed()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "    return ops.myns.gadget(x)|myns::gadget",
        "    return getattr(ops.myns, 'gadget')(x)|myns::gadget",
        "    return ops.torchvision.nms(x, x, 0.5)|torchvision::nms",
        "    t : __torch__.torch.classes.vendor.Kernel = self.k\\n    return x|class vendor.Kernel"
      })
  void operatorsAndClassesFromOutsideTorchAreMedium(String body, String target) {
    ScanResult result = archive(forward(body.replace("\\n", "\n") + "\n"));
    assertThat(rules(result)).containsExactly("TORCH-006 MEDIUM", "TORCH-001 LOW");
    assertThat(result.findings().get(0).subject()).isEqualTo(target);
  }

  @Test
  void eachOperatorIsReportedOncePerRecord() {
    ScanResult result =
        archive(forward("    torch.save(x, 'a')\n    torch.save(x, 'b')\n    return x\n"));
    assertThat(rules(result)).containsExactly("TORCH-005 HIGH", "TORCH-001 LOW");
    assertThat(result.findings().get(0).location().offset())
        .isEqualTo(98); // the first call, after the class and def lines
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "    return torch.relu(x)\n",
        "    _0 = ops.prim.NumToTensor(torch.size(x, 0))\n    return torch.add(x, _0)\n",
        "    # torch.save(x, '/tmp/marker') in a comment\n    return x\n",
        "    s = \"torch.save(x, '/tmp/marker')\"\n    return x\n",
        "    s = '''\n    torch.from_file('/etc/hostname')\n    '''\n    return x\n",
        "    return self.torch.save(x)\n",
        "    p : __torch__.torch.classes.quantized.LinearPackedParamsBase = self.p\n    return x\n",
        "    return __torch__.helpers.scale(x, 2.0)\n"
      })
  void plainTorchCodeIsLowOnly(String body) {
    ScanResult result = archive(forward(body));
    assertThat(rules(result)).containsExactly("TORCH-001 LOW");
    assertThat(result.completed()).isTrue();
  }

  @Test
  void archiveClassesInPicklesAreTheArchivesOwnCode() {
    byte[] module =
        PickleBuilder.create()
            .proto(2)
            .global("__torch__", "M")
            .emptyTuple()
            .newObj()
            .emptyDict()
            .build()
            .stop()
            .bytes();
    assertThat(rules(archive(module, forward("    return x\n")))).containsExactly("TORCH-001 LOW");
    // The same pickle in a plain checkpoint names an unknown Python module.
    byte[] plain = TorchCheckpoints.checkpoint("m", module, TorchCheckpoints.arange4()).bytes();
    ScanResult asCheckpoint =
        TorchZipScanner.standard().scan(ByteBuffer.wrap(plain), ContainerTechniquesTest.AS_PICKLE);
    assertThat(rules(asCheckpoint)).contains("PICKLE-004 MEDIUM");
  }

  @Test
  void customClassesAndDeniedStretchesInTorchScriptPicklesAreStillReported() {
    byte[] custom =
        PickleBuilder.create()
            .proto(2)
            .global("__torch__.torch.classes.vendor", "Kernel")
            .emptyTuple()
            .newObj()
            .stop()
            .bytes();
    assertThat(rules(archive(custom, forward("    return x\n")))).contains("PICKLE-004 MEDIUM");
    byte[] walk =
        PickleBuilder.create()
            .proto(4)
            .stackGlobal("__torch__", "os.system")
            .shortBinUnicode(PickleBuilder.MARKER)
            .tuple1()
            .reduce()
            .stop()
            .bytes();
    ScanResult result = archive(walk, forward("    return x\n"));
    assertThat(result.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void aRecordWithTooManyReferencesIsIncomplete() {
    String body = "    x = torch.relu(x)\n".repeat(TorchScriptCode.MAX_REFERENCES + 1);
    ScanResult result = archive(forward(body + "    return x\n"));
    assertThat(rules(result)).contains("TORCH-007 MEDIUM");
    assertThat(result.completed()).isFalse();
  }
}
