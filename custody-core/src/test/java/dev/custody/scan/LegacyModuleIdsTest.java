package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.testkit.PickleBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * torch &lt; 1.6 pickled a whole module's classes as persistent ids {@code ('module', cls, file,
 * source)} (tar format: {@code (cls, file, source)}), and its loaders hand back {@code cls}: a call
 * of such an id is judged as a call of the class, not as PICKLE-005.
 */
class LegacyModuleIdsTest {
  private static List<String> rules(byte[] pickle) {
    return PickleScanner.standard().scan(pickle).findings().stream()
        .map(f -> f.rule().value() + " " + f.severity())
        .toList();
  }

  private static PickleBuilder moduleId(String module, String name, boolean typename) {
    PickleBuilder b = PickleBuilder.create().proto(2).mark();
    if (typename) {
      b.binUnicode("module");
    }
    return b.global(module, name)
        .binUnicode("/usr/lib/python3/dist-packages/torch/nn/modules/linear.py")
        .binUnicode("class Linear(Module): ...")
        .tuple()
        .binPersId();
  }

  @Test
  void anAllowedLayerClassIsClean() {
    byte[] zipEra =
        moduleId("torch.nn.modules.linear", "Linear", true)
            .emptyTuple()
            .newObj()
            .emptyDict()
            .build()
            .stop()
            .bytes();
    assertThat(rules(zipEra)).isEmpty();
    byte[] tarEra =
        moduleId("torch.nn.modules.linear", "Linear", false).emptyTuple().newObj().stop().bytes();
    assertThat(rules(tarEra)).isEmpty();
  }

  @Test
  void anUnknownClassCalledThroughTheIdIsHigh() {
    byte[] called =
        moduleId("mymodels", "Net", true)
            .shortBinUnicode(PickleBuilder.MARKER)
            .tuple1()
            .reduce()
            .stop()
            .bytes();
    assertThat(rules(called)).containsExactly("PICKLE-003 HIGH");
  }

  @Test
  void aDangerousGlobalInTheIdIsStillCritical() {
    byte[] evil =
        moduleId("os", "system", true)
            .shortBinUnicode(PickleBuilder.MARKER)
            .tuple1()
            .reduce()
            .stop()
            .bytes();
    assertThat(rules(evil)).containsExactly("PICKLE-001 CRITICAL");
  }

  @Test
  void anyOtherPersistentObjectCalledIsStillPickle005() {
    byte[] storage =
        PickleBuilder.create()
            .proto(2)
            .binUnicode("storage")
            .tuple1()
            .binPersId()
            .emptyTuple()
            .reduce()
            .stop()
            .bytes();
    assertThat(rules(storage)).containsExactly("PICKLE-005 CRITICAL");
  }
}
