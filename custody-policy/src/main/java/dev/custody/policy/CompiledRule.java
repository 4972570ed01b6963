package dev.custody.policy;

import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * A rule with its expression compiled into a program, and the sub-expressions worth showing in a
 * decision (by expression id).
 */
record CompiledRule(PolicyRule rule, CelRuntime.Program program, Map<Long, String> shown) {
  CompiledRule {
    shown = Map.copyOf(shown);
  }
}
