package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Severity;
import org.junit.jupiter.api.Test;

class GlobalPolicyTest {
  private final GlobalPolicy policy = GlobalPolicy.standard();

  @Test
  void allowsOnlyExactPairs() {
    assertThat(policy.judge("torch._utils", "_rebuild_tensor_v2"))
        .isInstanceOf(GlobalVerdict.Allowed.class);
    assertThat(policy.judge("numpy._core.multiarray", "_reconstruct"))
        .isInstanceOf(GlobalVerdict.Allowed.class);
    assertThat(policy.judge("torch._utils", "_rebuild_tensor_v9"))
        .isInstanceOf(GlobalVerdict.Unknown.class);
  }

  @Test
  void anAllowedRootNeverApprovesADottedWalk() {
    assertThat(policy.judge("torch", "os.system")).isInstanceOf(GlobalVerdict.Denied.class);
    assertThat(policy.judge("torch._utils", "_rebuild_tensor_v2.__globals__"))
        .isInstanceOf(GlobalVerdict.Internals.class);
    assertThat(policy.judge("collections", "OrderedDict.subprocess.Popen"))
        .isInstanceOf(GlobalVerdict.Denied.class);
  }

  @Test
  void checksEveryModulePrefix() {
    assertThat(policy.judge("os.path", "join")).isInstanceOf(GlobalVerdict.Denied.class);
    assertThat(policy.judge("asyncio.unix_events", "x")).isInstanceOf(GlobalVerdict.Denied.class);
    assertThat(policy.judge("torch", "serialization.load"))
        .isInstanceOf(GlobalVerdict.Denied.class);
  }

  @Test
  void aModuleThatOnlyEndsInADeniedNameIsNotDenied() {
    // mymodel.code is not the stdlib 'code' module: only prefixes of the module path count.
    assertThat(policy.judge("mymodel.code", "Net")).isInstanceOf(GlobalVerdict.Unknown.class);
  }

  @Test
  void ranksTheWorstMatchingEntry() {
    assertThat(policy.judge("copyreg", "add_extension"))
        .isEqualTo(
            new GlobalVerdict.Denied(
                Severity.CRITICAL,
                "copyreg.add_extension",
                "registers extension codes, steering later EXT opcodes"));
    assertThat(((GlobalVerdict.Denied) policy.judge("copyreg", "dispatch_table")).severity())
        .isEqualTo(Severity.HIGH);
  }
}
