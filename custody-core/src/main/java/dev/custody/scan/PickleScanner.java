package dev.custody.scan;

import dev.custody.finding.Finding;
import dev.custody.format.pickle.Limits;
import dev.custody.format.pickle.PickleProgram;
import dev.custody.format.pickle.PickleReader;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.List;

/**
 * Scans a pickle without running it: reads it with {@link PickleReader} and judges every import,
 * call and state write by custody's pickle rules ({@code docs/rules.md}). Literal payloads handed
 * to pickle loaders ({@code pickle.loads}, {@code torch.load} ...) are scanned as nested pickles,
 * up to {@link #MAX_NESTED_DEPTH} levels. Thread-safe; a scanner can be shared.
 */
public final class PickleScanner {
  /** How many pickles deep nested payloads are followed. */
  public static final int MAX_NESTED_DEPTH = 4;

  private final Limits limits;
  private final RuleBook rules;
  private final GlobalPolicy policy;
  private final NestedLoaders loaders;

  private static final PickleScanner TORCHSCRIPT =
      new PickleScanner(
          Limits.DEFAULT, GlobalPolicy.standard().forTorchScript(TorchScriptRules.standard()));

  private PickleScanner(Limits limits) {
    this(limits, GlobalPolicy.standard());
  }

  private PickleScanner(Limits limits, GlobalPolicy policy) {
    this.limits = limits;
    this.rules = RuleBook.standard();
    this.policy = policy;
    this.loaders = NestedLoaders.standard();
  }

  /**
   * A scanner for the pickles of a TorchScript archive, which torch.jit.load reads with its C++
   * unpickler: {@code __torch__} classes resolve to the archive's own code, not Python imports.
   */
  static PickleScanner forTorchScript() {
    return TORCHSCRIPT;
  }

  /** A scanner with custody's rules and {@link Limits#DEFAULT}. */
  public static PickleScanner standard() {
    return new PickleScanner(Limits.DEFAULT);
  }

  /** A scanner with custody's rules and other limits. */
  public static PickleScanner withLimits(Limits limits) {
    return new PickleScanner(limits);
  }

  /** Scans the bytes from {@code data.position()} to {@code data.limit()}. */
  public ScanResult scan(ByteBuffer data) {
    return scan(data, 0);
  }

  /** Scans a whole byte array. */
  public ScanResult scan(byte[] data) {
    return scan(ByteBuffer.wrap(data));
  }

  /** Judges a program already read (e.g. by a container scanner that read the pickle itself). */
  public ScanResult scan(PickleProgram program) {
    return judge(program, 0);
  }

  ScanResult scan(ByteBuffer data, int depth) {
    return judge(PickleReader.read(data, limits), depth);
  }

  private ScanResult judge(PickleProgram program, int depth) {
    PickleJudgement judgement = new PickleJudgement(this, rules, policy, loaders, depth);
    judgement.judge(program);
    List<Finding> sorted =
        judgement.findings().stream().sorted(Comparator.comparing(Finding::severity)).toList();
    return new ScanResult(sorted, judgement.completed());
  }
}
