package dev.custody.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSource;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.compiler.CelCompiler;
import dev.cel.parser.CelUnparser;
import dev.cel.parser.CelUnparserFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.custody.internal.Untrusted;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compiles rule expressions: parse, type-check against the evidence variables and helpers, and
 * build the program. A rule that does not compile, or whose type cannot be a boolean, is a {@link
 * PolicyException} at its place in the file.
 */
final class RuleCompiler {
  /** Helpers and size checks whose result is worth showing, besides evidence fields. */
  private static final Set<String> SHOWN_CALLS = Set.of("findingsAtLeast", "size", "severity");

  private static final CelCompiler COMPILER = CelSetup.compiler();
  private static final CelUnparser UNPARSER = CelUnparserFactory.newUnparser();

  private final CelRuntime runtime;
  private final SourceMap source;
  private final String file;

  RuleCompiler(EvaluationLimits limits, byte[] policyFile, String file) {
    this.runtime = CelSetup.runtime(limits.maxIterations());
    this.source = new SourceMap(policyFile);
    this.file = file;
  }

  CompiledRule compile(PolicyRule rule) throws PolicyException {
    CelAbstractSyntaxTree ast;
    try {
      ast = COMPILER.compile(rule.require()).getAst();
    } catch (CelValidationException e) {
      throw compileError(rule, e);
    }
    CelType type = ast.getResultType();
    if (type.kind() != CelKind.BOOL && type.kind() != CelKind.DYN) {
      throw new PolicyException(
          file,
          rule.requireMark(),
          "rule "
              + Untrusted.quote(rule.name())
              + ": require gives "
              + type.name()
              + ", expected a boolean (true passes, false fails)");
    }
    RegexGuard.check(ast.getExpr(), file, rule);
    try {
      Map<Long, String> shown = new HashMap<>();
      collect(ast.getExpr(), shown);
      return new CompiledRule(rule, runtime.createProgram(ast), shown);
    } catch (CelEvaluationException e) {
      throw new PolicyException(
          file,
          rule.requireMark(),
          "rule "
              + Untrusted.quote(rule.name())
              + ": "
              + CelText.clean(String.valueOf(e.getMessage())),
          e);
    }
  }

  private PolicyException compileError(PolicyRule rule, CelValidationException e) {
    @Nullable CelIssue first = e.getErrors().isEmpty() ? null : e.getErrors().get(0);
    if (first == null) {
      return new PolicyException(
          file, rule.requireMark(), "rule " + Untrusted.quote(rule.name()) + ": does not compile");
    }
    int line = first.getSourceLocation().getLine();
    int column = first.getSourceLocation().getColumn();
    int more = e.getErrors().size() - 1;
    return new PolicyException(
        file,
        source.locate(rule.requireMark(), line, column),
        "rule "
            + Untrusted.quote(rule.name())
            + ": "
            + CelText.clean(first.getMessage())
            + (more > 0 ? " (and " + more + " more)" : ""),
        e);
  }

  /**
   * Finds the sub-expressions to show: the longest field paths rooted at an evidence variable
   * ({@code scan.counts.high}, not also {@code scan.counts}) and the helper calls over them.
   * Expressions over a comprehension's own variables are left out: they change every iteration.
   */
  private static void collect(CelExpr expr, Map<Long, String> shown) {
    if (isEvidencePath(expr)) {
      shown.put(expr.id(), unparse(expr));
      return;
    }
    if (isShownCall(expr)) {
      // The call's value says more than its receiver's: show an inner helper call, not the
      // whole scan it was called on.
      shown.put(expr.id(), unparse(expr));
      expr.call().target().filter(RuleCompiler::isShownCall).ifPresent(t -> collect(t, shown));
      return;
    }
    for (CelExpr child : children(expr)) {
      collect(child, shown);
    }
  }

  private static boolean isEvidencePath(CelExpr expr) {
    return switch (expr.getKind()) {
      case IDENT -> CelSetup.VARIABLES.contains(expr.ident().name());
      case SELECT -> !expr.select().testOnly() && isEvidencePath(expr.select().operand());
      default -> false;
    };
  }

  private static boolean isShownCall(CelExpr expr) {
    if (expr.getKind() != CelExpr.ExprKind.Kind.CALL
        || !SHOWN_CALLS.contains(expr.call().function())) {
      return false;
    }
    boolean constantArgs =
        expr.call().args().stream()
            .allMatch(a -> a.getKind() == CelExpr.ExprKind.Kind.CONSTANT || isEvidencePath(a));
    return constantArgs && expr.call().target().map(RuleCompiler::isEvidenceValue).orElse(true);
  }

  private static boolean isEvidenceValue(CelExpr expr) {
    return isEvidencePath(expr) || isShownCall(expr);
  }

  private static Iterable<CelExpr> children(CelExpr expr) {
    java.util.List<CelExpr> out = new java.util.ArrayList<>();
    switch (expr.getKind()) {
      case SELECT -> out.add(expr.select().operand());
      case CALL -> {
        expr.call().target().ifPresent(out::add);
        out.addAll(expr.call().args());
      }
      case LIST -> out.addAll(expr.list().elements());
      case MAP -> expr.map().entries().forEach(e -> out.add(e.value()));
      case COMPREHENSION -> {
        // The loop body refers to its own variables: a path in it is shown only when it starts
        // at an evidence variable, which collect() checks on its own.
        out.add(expr.comprehension().iterRange());
        out.add(expr.comprehension().loopStep());
      }
      default -> {
        // constants, identifiers and structs have nothing more to show
      }
    }
    return out;
  }

  private static String unparse(CelExpr expr) {
    try {
      return UNPARSER.unparse(
          CelAbstractSyntaxTree.newParsedAst(expr, CelSource.newBuilder().build()));
    } catch (RuntimeException e) {
      return "(expression " + expr.id() + ")";
    }
  }
}
