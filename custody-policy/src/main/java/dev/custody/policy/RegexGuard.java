package dev.custody.policy;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.custody.internal.Untrusted;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses regular expressions that would be expensive to compile. RE2 matches in linear time, but
 * it builds a pattern's program before it checks the program's size: {@code ((((a{100}){100}){100})
 * {100})} is 10^8 instructions, enough to exhaust the heap. So every {@code matches} pattern must
 * be a constant written in the policy (never text from a model), and its counted repetitions
 * together may not exceed {@value #MAX_REPEAT}.
 */
final class RegexGuard {
  static final long MAX_REPEAT = 10_000;

  private static final Pattern COUNT = Pattern.compile("\\{(\\d{1,9})(?:,(\\d{0,9}))?\\}");

  private RegexGuard() {}

  static void check(CelExpr expr, String file, PolicyRule rule) throws PolicyException {
    List<CelExpr> pending = new ArrayList<>(List.of(expr));
    while (!pending.isEmpty()) {
      CelExpr next = pending.remove(pending.size() - 1);
      switch (next.getKind()) {
        case CALL -> {
          if (next.call().function().equals("matches")) {
            checkPattern(next.call().args().get(next.call().args().size() - 1), file, rule);
          }
          next.call().target().ifPresent(pending::add);
          pending.addAll(next.call().args());
        }
        case SELECT -> pending.add(next.select().operand());
        case LIST -> pending.addAll(next.list().elements());
        case MAP ->
            next.map()
                .entries()
                .forEach(e -> {
                  pending.add(e.key());
                  pending.add(e.value());
                });
        case COMPREHENSION -> {
          pending.add(next.comprehension().iterRange());
          pending.add(next.comprehension().accuInit());
          pending.add(next.comprehension().loopCondition());
          pending.add(next.comprehension().loopStep());
          pending.add(next.comprehension().result());
        }
        default -> {
          // constants, identifiers and structs hold no calls
        }
      }
    }
  }

  private static void checkPattern(CelExpr pattern, String file, PolicyRule rule)
      throws PolicyException {
    if (pattern.getKind() != CelExpr.ExprKind.Kind.CONSTANT
        || pattern.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
      throw new PolicyException(
          file,
          rule.requireMark(),
          "rule "
              + Untrusted.quote(rule.name())
              + ": matches() takes a constant pattern written in the policy, never text from the"
              + " evidence");
    }
    String text = pattern.constant().stringValue();
    long product = 1;
    Matcher counts = COUNT.matcher(text);
    while (counts.find()) {
      String upper = counts.group(2);
      long count = Long.parseLong(upper == null || upper.isEmpty() ? counts.group(1) : upper);
      // Both factors stay at most MAX_REPEAT, so the product cannot overflow.
      product = product > MAX_REPEAT || count > MAX_REPEAT ? MAX_REPEAT + 1 : product * count;
    }
    if (product > MAX_REPEAT) {
      throw new PolicyException(
          file,
          rule.requireMark(),
          "rule "
              + Untrusted.quote(rule.name())
              + ": the pattern "
              + Untrusted.quote(text)
              + " repeats more than "
              + MAX_REPEAT
              + " times in all; write a simpler pattern");
    }
  }
}
