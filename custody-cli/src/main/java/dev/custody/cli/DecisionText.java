package dev.custody.cli;

import dev.custody.evidence.SignatureEvidence;
import dev.custody.internal.Untrusted;
import dev.custody.policy.Decision;
import dev.custody.policy.LookedAt;
import dev.custody.policy.RuleOutcome;
import java.util.List;

/** A decision for people: the verdict, the model, its signatures, then every rule's outcome. */
final class DecisionText {
  private DecisionText() {}

  static String render(Decision decision, String subject, String policyFile) {
    String nl = System.lineSeparator();
    StringBuilder out = new StringBuilder();
    out.append(decision.allowed() ? "ALLOW " : "DENY  ")
        .append(subject)
        .append(" under policy ")
        .append(Untrusted.quote(decision.policy()))
        .append(" (")
        .append(Untrusted.escape(policyFile))
        .append(')')
        .append(nl);
    out.append("  root digest  ").append(decision.evidence().model().rootDigest()).append(nl);
    signatures(decision, out, nl);
    out.append(nl);
    for (RuleOutcome outcome : decision.outcomes()) {
      rule(outcome, out, nl);
    }
    out.append(nl).append(summary(decision)).append(nl);
    return out.toString();
  }

  private static void signatures(Decision decision, StringBuilder out, String nl) {
    List<SignatureEvidence> signatures = decision.evidence().signatures();
    if (signatures.isEmpty()) {
      out.append("  signature    none found").append(nl);
    }
    for (SignatureEvidence signature : signatures) {
      out.append("  signature    ").append(Untrusted.quote(signature.source())).append(": ");
      switch (signature) {
        case SignatureEvidence.Verified v ->
            out.append("verified, ")
                .append(Untrusted.escape(v.signer()))
                .append(", trusted as ")
                .append(Untrusted.quote(v.trustEntry()));
        case SignatureEvidence.Failed f ->
            out.append("not verified (")
                .append(f.reason())
                .append("): ")
                .append(Untrusted.escape(f.message()));
      }
      out.append(nl);
    }
  }

  private static void rule(RuleOutcome outcome, StringBuilder out, String nl) {
    String label =
        switch (outcome.status()) {
          case PASSED -> "PASS ";
          case FAILED -> outcome.warns() ? "WARN " : "FAIL ";
          case ERROR -> "ERROR";
        };
    out.append("  ").append(label).append(' ').append(outcome.rule());
    switch (outcome.status()) {
      case PASSED -> {}
      case FAILED -> out.append(": ").append(outcome.message());
      case ERROR -> out.append(": could not be evaluated, which denies: ").append(outcome.error());
    }
    out.append(nl);
    for (LookedAt value : outcome.lookedAt()) {
      out.append("          ").append(value).append(nl);
    }
  }

  private static String summary(Decision decision) {
    List<RuleOutcome> denials = decision.denials();
    int warnings = decision.warnings().size();
    String warned = warnings == 0 ? "" : "; " + warnings + " warning" + (warnings == 1 ? "" : "s");
    if (denials.isEmpty()) {
      return "Allowed: " + decision.outcomes().size() + " rules passed or warned" + warned;
    }
    return "Denied by "
        + denials.size()
        + " rule"
        + (denials.size() == 1 ? "" : "s")
        + ": "
        + String.join(", ", denials.stream().map(RuleOutcome::rule).toList())
        + warned;
  }
}
