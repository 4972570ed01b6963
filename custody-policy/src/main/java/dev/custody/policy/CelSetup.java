package dev.custody.policy;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Set;

/**
 * The CEL environment rules compile and run in: the evidence variables, the standard macros, the
 * sets extension, and custody's helpers ({@link Helpers}). Parsing is bounded (expression size,
 * nesting, node count) and so are regular expressions (RE2, program size); the step and time budget
 * is applied per evaluation by {@link RuleEvaluator}. String-growing extensions are left out: a
 * chain of {@code replace} calls could build a string of any size in a few steps.
 */
final class CelSetup {
  /** The evidence variables every rule sees. */
  static final Set<String> VARIABLES = Set.of("model", "scan", "signatures", "attestations", "bom");

  private static final MapType OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);

  private CelSetup() {}

  static CelOptions options(int maxIterations) {
    return CelOptions.current()
        .maxExpressionCodePointSize(PolicyReader.MAX_EXPRESSION)
        .maxParseRecursionDepth(32)
        .maxParseExpressionNodeCount(5_000)
        .maxRegexProgramSize(1_000)
        .comprehensionMaxIterations(maxIterations)
        .build();
  }

  static CelCompiler compiler() {
    return CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(options(EvaluationLimits.defaults().maxIterations()))
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addLibraries(CelExtensions.sets(options(1)))
        .addVar("model", OBJECT)
        .addVar("scan", OBJECT)
        .addVar("signatures", ListType.create(OBJECT))
        .addVar("attestations", ListType.create(OBJECT))
        .addVar("bom", OBJECT)
        .addFunctionDeclarations(
            CelFunctionDecl.newFunctionDeclaration(
                "severity",
                CelOverloadDecl.newGlobalOverload(
                    "severity_string", SimpleType.INT, SimpleType.STRING)),
            CelFunctionDecl.newFunctionDeclaration(
                "atLeast",
                CelOverloadDecl.newMemberOverload(
                    "string_atLeast_string",
                    SimpleType.BOOL,
                    SimpleType.STRING,
                    SimpleType.STRING)),
            CelFunctionDecl.newFunctionDeclaration(
                "findingsAtLeast",
                CelOverloadDecl.newMemberOverload(
                    "map_findingsAtLeast_string",
                    ListType.create(SimpleType.DYN),
                    OBJECT,
                    SimpleType.STRING)))
        .build();
  }

  static CelRuntime runtime(int maxIterations) {
    // The interpreter that supports trace listeners, which the step budget needs.
    return CelRuntimeFactory.legacyCelRuntimeBuilder()
        .setOptions(options(maxIterations))
        .addLibraries(CelExtensions.sets(options(maxIterations)))
        .addFunctionBindings(
            CelFunctionBinding.from("severity_string", String.class, Helpers::severity),
            CelFunctionBinding.from(
                "string_atLeast_string", String.class, String.class, Helpers::atLeast),
            CelFunctionBinding.from(
                "map_findingsAtLeast_string",
                java.util.Map.class,
                String.class,
                Helpers::findingsAtLeast))
        .build();
  }
}
