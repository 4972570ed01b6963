package dev.custody.format.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.format.pickle.MalformedPickleException.Reason;
import dev.custody.testkit.PickleBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The C unpickler's semantics, one rule per test. */
class PickleReaderTest {

  private static PickleProgram read(PickleBuilder pickle) {
    return PickleReader.read(pickle.bytes(), Limits.DEFAULT);
  }

  private static List<String> imports(PickleProgram program) {
    return program.events().stream()
        .filter(PickleEvent.Import.class::isInstance)
        .map(e -> ((PickleEvent.Import) e).global().qualifiedName())
        .toList();
  }

  private static Reason failure(PickleProgram program) {
    return program.failure().orElseThrow().reason();
  }

  @Test
  void popRemovesTheMarkWhenTheMarkIsOnTop() {
    // CPython: pickle.loads(b'(0K\x01.') == 1
    PickleProgram program = read(PickleBuilder.create().mark().pop().binInt1(1).stop());
    assertThat(program.completed()).isTrue();
    assertThat(program.pickles()).isEqualTo(1);
  }

  @Test
  void opcodesCannotReachBelowTheLastMark() {
    PickleProgram program = read(PickleBuilder.create().none().mark().reduce().stop());
    assertThat(failure(program)).isEqualTo(Reason.STACK_UNDERFLOW);
  }

  @Test
  void memoizeStoresAtTheNumberOfOccupiedSlots() {
    PickleProgram program =
        read(
            PickleBuilder.create()
                .proto(4)
                .shortBinUnicode("a")
                .binPut(5)
                .shortBinUnicode("os")
                .memoize()
                .pop()
                .pop()
                .binGet(1)
                .shortBinUnicode("system")
                .stackGlobal()
                .stop());
    assertThat(imports(program)).containsExactly("os.system");
  }

  @Test
  void memoSlotsAreTimeDependent() {
    PickleProgram program =
        read(
            PickleBuilder.create()
                .proto(4)
                .shortBinUnicode("collections")
                .binPut(0)
                .shortBinUnicode("os")
                .binPut(0)
                .pop()
                .pop()
                .binGet(0)
                .shortBinUnicode("system")
                .stackGlobal()
                .stop());
    assertThat(imports(program)).containsExactly("os.system");
  }

  @Test
  void getOfAnEmptySlotFails() {
    PickleProgram program = read(PickleBuilder.create().binGet(3).stop());
    assertThat(failure(program)).isEqualTo(Reason.MEMO_MISSING);
    assertThat(program.failure().orElseThrow())
        .hasMessage("memo value not found at index 3; the file is broken or crafted");
  }

  @Test
  void protocolBelow3AppliesPython2Renames() {
    PickleProgram program =
        read(PickleBuilder.create().global("commands", "getoutput").pop().none().stop());
    PickleEvent.Import i = (PickleEvent.Import) program.events().get(0);
    assertThat(i.global().qualifiedName()).isEqualTo("subprocess.getoutput");
    assertThat(i.written()).isEqualTo("commands.getoutput");
    PickleProgram modern =
        read(PickleBuilder.create().proto(3).global("commands", "getoutput").stop());
    assertThat(imports(modern)).containsExactly("commands.getoutput");
  }

  @Test
  void readsEveryStackedPickle() {
    PickleProgram program =
        read(
            PickleBuilder.create()
                .proto(2)
                .none()
                .stop()
                .proto(2)
                .global("os", "system")
                .stop()
                .global("posix", "system")
                .stop());
    assertThat(program.completed()).isTrue();
    assertThat(program.pickles()).isEqualTo(3);
    assertThat(imports(program)).containsExactly("os.system", "posix.system");
  }

  @Test
  void eventsBeforeAnInvalidOpcodeAreKept() {
    PickleProgram program =
        read(PickleBuilder.create().global("os", "system").mark().tuple().reduce().op(0xff));
    assertThat(failure(program)).isEqualTo(Reason.INVALID_OPCODE);
    assertThat(imports(program)).containsExactly("os.system");
    assertThat(program.events()).anyMatch(PickleEvent.Call.class::isInstance);
  }

  @Test
  void aHugeLengthFailsWithoutAllocating() {
    PickleProgram program =
        read(PickleBuilder.create().proto(4).op(0x8e).raw(new byte[] {-1, -1, -1, -1, 0, 0, 0, 0}));
    assertThat(failure(program)).isEqualTo(Reason.TRUNCATED);
    PickleProgram negative =
        read(PickleBuilder.create().proto(4).op(0x8e).raw(new byte[] {0, 0, 0, 0, 0, 0, 0, -1}));
    assertThat(negative.completed()).isFalse();
  }

  @Test
  void rejectsEmptyInputAndFutureProtocols() {
    assertThat(failure(read(PickleBuilder.create()))).isEqualTo(Reason.TRUNCATED);
    assertThat(failure(read(PickleBuilder.create().proto(6).none().stop())))
        .isEqualTo(Reason.INVALID_ARGUMENT);
  }

  @Test
  void aStraddledFrameIsReadBothWays() {
    byte[] hidden = PickleBuilder.create().global("os", "system").pop().bytes();
    PickleProgram program =
        read(
            PickleBuilder.create()
                .proto(5)
                .frame(2)
                .op('B')
                .op(1 + hidden.length)
                .raw(new byte[4])
                .raw(hidden)
                .none()
                .stop());
    assertThat(program.events())
        .anyMatch(e ->
            e instanceof PickleEvent.Anomaly a
                && a.kind() == PickleEvent.AnomalyKind.FRAME_DIVERGENCE);
    assertThat(imports(program)).containsExactly("os.system");
  }

  @Test
  void framesThatHoldWholeOpcodesAreLinear() {
    PickleBuilder body = PickleBuilder.create().none().stop();
    PickleProgram program = read(PickleBuilder.create().proto(4).frame(body.length()).then(body));
    assertThat(program.completed()).isTrue();
    assertThat(program.events()).isEmpty();
  }

  @Test
  void stopsAtEachLimitWithTheEventsSoFar() {
    PickleBuilder deep = PickleBuilder.create().global("os", "system");
    for (int i = 0; i < 50; i++) {
      deep.tuple1();
    }
    Limits tight = new Limits(1 << 20, 1_000, 100, 10, 64, 64, 20, 2, 1 << 20);
    PickleProgram nesting = PickleReader.read(deep.stop().bytes(), tight);
    assertThat(nesting.failure().orElseThrow().getMessage()).contains("Limits.maxNesting");
    assertThat(imports(nesting)).containsExactly("os.system");

    PickleBuilder memo = PickleBuilder.create().none();
    for (int i = 0; i < 20; i++) {
      memo.binPut(i);
    }
    assertThat(PickleReader.read(memo.stop().bytes(), tight).failure().orElseThrow().getMessage())
        .contains("Limits.maxMemoEntries");

    PickleBuilder stack = PickleBuilder.create();
    for (int i = 0; i < 200; i++) {
      stack.none();
    }
    assertThat(PickleReader.read(stack.bytes(), tight).failure().orElseThrow().getMessage())
        .contains("Limits.maxStackDepth");

    PickleBuilder stacked = PickleBuilder.create();
    for (int i = 0; i < 3; i++) {
      stacked.none().stop();
    }
    assertThat(PickleReader.read(stacked.bytes(), tight).failure().orElseThrow().getMessage())
        .contains("Limits.maxPickles");

    assertThat(
            PickleReader.read(PickleBuilder.create().global("os", "x".repeat(100)).bytes(), tight)
                .failure()
                .orElseThrow()
                .getMessage())
        .contains("Limits.maxLineLength");
  }

  @Test
  void stopsWhenTheValuesBuiltWouldKeepTooMuchMemory() {
    // A list of many numbers, as a pickle of plain Python data can hold millions of: each item a
    // heap object. The reader stops at the budget instead of exhausting the heap.
    PickleBuilder numbers = PickleBuilder.create().proto(4).global("os", "system").emptyList();
    for (int batch = 0; batch < 100; batch++) {
      numbers.mark();
      for (int i = 0; i < 1_000; i++) {
        numbers.binInt(i);
      }
      numbers.appends();
    }
    byte[] bytes = numbers.stop().bytes();
    Limits budget = Limits.DEFAULT.withMaxKeptBytes(1 << 20);

    PickleProgram stopped = PickleReader.read(bytes, budget);
    PickleProgram whole = PickleReader.read(bytes, Limits.DEFAULT);

    assertThat(failure(stopped)).isEqualTo(Reason.LIMIT_EXCEEDED);
    assertThat(stopped.failure().orElseThrow().getMessage())
        .contains("Limits.maxKeptBytes")
        .contains("everything before this offset was judged");
    assertThat(imports(stopped)).containsExactly("os.system");
    assertThat(whole.completed()).isTrue();
  }

  @Test
  void bytesLiteralsAreViewsOfTheInputAndCostNoneOfTheirLength() {
    byte[] payload = new byte[4 << 20];
    payload[payload.length - 1] = 42;
    byte[] bytes =
        PickleBuilder.create().proto(4).binBytes(payload).binBytes(payload).tuple2().stop().bytes();

    PickleProgram program = PickleReader.read(bytes, Limits.DEFAULT.withMaxKeptBytes(4 << 10));

    assertThat(program.completed()).isTrue();
    Value.Container pair = (Value.Container) program.result().orElseThrow();
    Value.Bytes first = (Value.Bytes) pair.items().get(0);
    assertThat(first.length()).isEqualTo(payload.length);
    assertThat(first.content()[payload.length - 1]).isEqualTo((byte) 42);
  }

  @Test
  void aStreamLongerThanMaxBytesIsReadUpToTheLimit() throws IOException {
    byte[] bytes =
        PickleBuilder.create().global("os", "system").binBytes(new byte[100]).stop().bytes();
    Limits small = Limits.DEFAULT.withMaxOpcodes(100);
    Limits capped = new Limits(20, 100, 100, 100, 100, 100, 100, 100, 100);
    PickleProgram program = PickleReader.read(new ByteArrayInputStream(bytes), capped);
    assertThat(failure(program)).isEqualTo(Reason.LIMIT_EXCEEDED);
    assertThat(imports(program)).containsExactly("os.system");
    assertThat(PickleReader.read(new ByteArrayInputStream(bytes), small).completed()).isTrue();
  }

  @Test
  void largeLiteralsAreKeptAsTheirSizeOnly() {
    PickleProgram program =
        PickleReader.read(
            PickleBuilder.create()
                .proto(4)
                .binBytes(new byte[1000])
                .shortBinUnicode("os")
                .stackGlobal()
                .stop()
                .bytes(),
            Limits.DEFAULT.withMaxRetainedLiteral(100));
    PickleEvent.ComputedImport computed = (PickleEvent.ComputedImport) program.events().get(0);
    assertThat(computed.name().module()).isEqualTo(new Value.LargeLiteral(false, 1000));
  }

  @Test
  void valuesPrintBoundedEvenWhenCyclic() {
    PickleProgram program =
        read(
            PickleBuilder.create()
                .proto(2)
                .global("os", "system")
                .emptyList()
                .binPut(0)
                .binGet(0)
                .append()
                .tuple1()
                .reduce()
                .stop());
    PickleEvent.Call call =
        program.events().stream()
            .filter(PickleEvent.Call.class::isInstance)
            .map(PickleEvent.Call.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(call.arguments().toString()).isEqualTo("([[…]],)");
  }
}
