package dev.custody.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.finding.Finding;
import dev.custody.finding.Severity;
import dev.custody.testkit.PickleBuilder;
import org.junit.jupiter.api.Test;

class PickleScannerTest {
  private final PickleScanner scanner = PickleScanner.standard();

  @Test
  void aFindingSaysWhatWhereAndWhatToDo() {
    byte[] evil =
        PickleBuilder.create()
            .proto(2)
            .global("os", "system")
            .shortBinUnicode(PickleBuilder.MARKER)
            .tuple1()
            .reduce()
            .stop()
            .bytes();
    ScanResult result = scanner.scan(evil);
    assertThat(result.completed()).isTrue();
    assertThat(result.worst()).contains(Severity.CRITICAL);
    Finding f = result.findings().get(0);
    assertThat(f.rule().value()).isEqualTo("PICKLE-001");
    assertThat(f.location().offset()).isEqualTo(2);
    assertThat(f.subject()).isEqualTo("os.system");
    assertThat(f.explanation())
        .startsWith(
            "The pickle imports os.system, matching the denylist entry os.* (operating-system"
                + " access: runs shell commands, spawns processes, writes and deletes files).");
    assertThat(f.remedy()).startsWith("Do not load this file.");
  }

  @Test
  void nestedFindingsSayWhichPayloadTheyCameFrom() {
    ScanResult result = scanner.scan(PickleTechniquesTest.nested("pickle", "loads", false));
    Finding inner =
        result.findings().stream()
            .filter(f -> f.subject().equals("os.system"))
            .findFirst()
            .orElseThrow();
    assertThat(inner.location().containers())
        .containsExactly("nested pickle passed to pickle.loads at byte 69");
    assertThat(inner.location().offset()).isEqualTo(2);
  }

  @Test
  void aTruncatedStreamIsIncompleteAndStillReportsItsPayload() {
    ScanResult result = scanner.scan(PickleTechniquesTest.truncatedAfterReduce());
    assertThat(result.completed()).isFalse();
    assertThat(result.findings())
        .extracting(f -> f.rule().value())
        .containsExactly("PICKLE-001", "PICKLE-010");
  }

  @Test
  void numpy2NamesAreAllowed() {
    byte[] array =
        PickleBuilder.create()
            .proto(4)
            .stackGlobal("numpy._core.multiarray", "_reconstruct")
            .stackGlobal("numpy", "ndarray")
            .binInt1(0)
            .tuple1()
            .shortBinBytes(new byte[] {'b'})
            .tuple3()
            .reduce()
            .mark()
            .binInt1(1)
            .binInt1(3)
            .tuple1()
            .stackGlobal("numpy", "dtype")
            .shortBinUnicode("f4")
            .newFalse()
            .newTrue()
            .tuple3()
            .reduce()
            .newFalse()
            .shortBinBytes(new byte[12])
            .tuple()
            .build()
            .stop()
            .bytes();
    ScanResult result = scanner.scan(array);
    assertThat(result.completed()).isTrue();
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void aFloodOfFindingsIsCappedAndMakesTheScanIncomplete() {
    PickleBuilder flood = PickleBuilder.create().proto(4);
    for (int i = 0; i < PickleJudgement.MAX_FINDINGS + 10; i++) {
      flood.stackGlobal("mylib", "f" + i).pop();
    }
    ScanResult result = scanner.scan(flood.none().stop().bytes());
    assertThat(result.completed()).isFalse();
    assertThat(result.findings()).hasSize(PickleJudgement.MAX_FINDINGS + 1);
    assertThat(result.findings()).anyMatch(f -> f.rule().value().equals("PICKLE-011"));
  }

  @Test
  void aPayloadFetchedFromTheMemoManyTimesIsScannedOnce() {
    byte[] inner = PickleTechniquesTest.payload();
    PickleBuilder outer = PickleBuilder.create().proto(4).binBytes(inner).binPut(0).pop();
    for (int i = 0; i < 20_000; i++) {
      outer.stackGlobal("pickle", "loads").binGet(0).tuple1().reduce().pop();
    }
    long start = System.nanoTime();
    ScanResult result = scanner.scan(outer.none().stop().bytes());
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    assertThat(result.findings()).anyMatch(f -> f.subject().equals("os.system"));
  }
}
